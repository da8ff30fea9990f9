import type { PgQuery } from '../../postgres/pg-client.js';
import { toTimestampParam } from '../window.js';
import { toMs } from './row-values.js';

/** A `running` row whose heartbeat stopped: what an operator needs to find its task and its ffmpeg process. */
export interface StuckEncoding {
  id: number;
  friendlyToken: string;
  profile: string;
  chunk: boolean;
  taskId: string;
  tempFile: string;
  taskDispatched: boolean;
  retries: number;
  /** Last heartbeat, epoch ms. */
  updatedAt: number;
  /** Row creation (queued), epoch ms. */
  addedAt: number;
}

interface Row {
  id: number;
  friendly_token: string;
  profile: string;
  chunk: boolean;
  task_id: string;
  temp_file: string;
  task_dispatched: boolean;
  retries: number;
  update_date: Date;
  add_date: Date;
}

const SQL = `
SELECT e.id, m.friendly_token, p.name AS profile, e.chunk, e.task_id, e.temp_file, e.task_dispatched, e.retries,
       e.update_date, e.add_date
FROM files_encoding e
JOIN files_media m ON m.id = e.media_id
JOIN files_encodeprofile p ON p.id = e.profile_id
WHERE e.status = 'running' AND e.update_date < $1::timestamptz
ORDER BY e.update_date, e.id
LIMIT $2`;

/** Stuck rows, longest silent first, at most `limit` (the total is in LiveState.stuck). */
export async function queryStuckEncodings(query: PgQuery, options: { now: number; staleMs: number; limit: number }): Promise<StuckEncoding[]> {
  const rows = await query<Row>(SQL, [toTimestampParam(options.now - options.staleMs), options.limit]);
  return rows.map((r) => ({
    id: r.id,
    friendlyToken: r.friendly_token,
    profile: r.profile,
    chunk: r.chunk,
    taskId: r.task_id,
    tempFile: r.temp_file,
    taskDispatched: r.task_dispatched,
    retries: r.retries,
    updatedAt: toMs(r.update_date) ?? 0,
    addedAt: toMs(r.add_date) ?? 0,
  }));
}
