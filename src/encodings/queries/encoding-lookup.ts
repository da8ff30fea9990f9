import type { PgQuery } from '../../postgres/pg-client.js';
import { toMs, type ProfileRef } from './row-values.js';

/** One files_encoding row with what `encoding <id|token>` shows about it. */
export interface EncodingRecord {
  id: number;
  status: string;
  profile: ProfileRef;
  chunk: boolean;
  progress: number;
  retries: number;
  taskDispatched: boolean;
  taskId: string;
  tempFile: string;
  /** Epoch ms: created (queued or deferred), and the last save (the heartbeat while running). */
  addedAt: number;
  updatedAt: number;
  totalRunTime: number;
  /** As stored, e.g. "12.3MB". */
  size: string;
  logs: string;
}

/** The media an encoding belongs to. */
export interface MediaRecord {
  id: number;
  friendlyToken: string;
  title: string;
  encodingStatus: string;
  /** Seconds. */
  duration: number;
  size: string | null;
  mediaType: string;
}

interface EncodingRow {
  id: number;
  status: string;
  profile_id: number;
  profile_name: string | null;
  extension: string | null;
  resolution: number | null;
  codec: string | null;
  chunk: boolean;
  progress: number;
  retries: number;
  task_dispatched: boolean;
  task_id: string;
  temp_file: string;
  add_date: Date;
  update_date: Date;
  total_run_time: number;
  size: string;
  logs: string;
  media_id: number;
}

interface MediaRow {
  id: number;
  friendly_token: string;
  title: string;
  encoding_status: string;
  duration: number;
  size: string | null;
  media_type: string;
}

const ENCODING_COLUMNS = `e.id, e.status, e.profile_id, p.name AS profile_name, p.extension, p.resolution, p.codec, e.chunk,
  e.progress, e.retries, e.task_dispatched, e.task_id, e.temp_file, e.add_date, e.update_date, e.total_run_time, e.size,
  e.logs, e.media_id`;
const MEDIA_COLUMNS = 'm.id, m.friendly_token, m.title, m.encoding_status, m.duration, m.size, m.media_type';

function toEncoding(r: EncodingRow): EncodingRecord {
  return {
    id: r.id,
    status: r.status,
    // LEFT JOIN: a profile deleted in admin must not hide its encodings.
    profile: { id: r.profile_id, name: r.profile_name ?? `#${r.profile_id}`, extension: r.extension ?? '', resolution: r.resolution, codec: r.codec },
    chunk: r.chunk,
    progress: r.progress,
    retries: r.retries,
    taskDispatched: r.task_dispatched,
    taskId: r.task_id,
    tempFile: r.temp_file,
    addedAt: toMs(r.add_date) ?? 0,
    updatedAt: toMs(r.update_date) ?? 0,
    totalRunTime: r.total_run_time,
    size: r.size,
    logs: r.logs,
  };
}

function toMedia(r: MediaRow): MediaRecord {
  return { id: r.id, friendlyToken: r.friendly_token, title: r.title, encodingStatus: r.encoding_status, duration: r.duration, size: r.size, mediaType: r.media_type };
}

/** One encoding and its media by encoding id, or undefined. */
export async function queryEncodingById(query: PgQuery, id: number): Promise<{ media: MediaRecord; encodings: EncodingRecord[] } | undefined> {
  const rows = await query<EncodingRow>(`SELECT ${ENCODING_COLUMNS} FROM files_encoding e LEFT JOIN files_encodeprofile p ON p.id = e.profile_id WHERE e.id = $1`, [id]);
  const row = rows[0];
  if (!row) return undefined;
  const [media] = await query<MediaRow>(`SELECT ${MEDIA_COLUMNS} FROM files_media m WHERE m.id = $1`, [row.media_id]);
  return media ? { media: toMedia(media), encodings: [toEncoding(row)] } : undefined;
}

/** A media by friendly_token with its encodings (best resolution first, at most `limit`), or undefined. */
export async function queryEncodingsByToken(
  query: PgQuery,
  token: string,
  limit: number,
): Promise<{ media: MediaRecord; encodings: EncodingRecord[]; total: number } | undefined> {
  const [media] = await query<MediaRow>(`SELECT ${MEDIA_COLUMNS} FROM files_media m WHERE m.friendly_token = $1 ORDER BY m.id LIMIT 1`, [token]);
  if (!media) return undefined;
  const rows = await query<EncodingRow & { total: number }>(
    `SELECT ${ENCODING_COLUMNS}, (count(*) OVER ())::int AS total FROM files_encoding e LEFT JOIN files_encodeprofile p ON p.id = e.profile_id
     WHERE e.media_id = $1 ORDER BY p.resolution DESC NULLS LAST, e.profile_id, e.chunk, e.id LIMIT $2`,
    [media.id, limit],
  );
  return { media: toMedia(media), encodings: rows.map(toEncoding), total: rows[0]?.total ?? 0 };
}
