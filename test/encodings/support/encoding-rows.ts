import type pg from 'pg';

/** Columns of files_media that CinemataCMS fills on insert (Django has no database defaults). */
export interface MediaRow {
  id: number;
  token: string;
  userId: number;
  encodingStatus?: string;
  duration?: number;
  size?: string | null;
}

export async function insertMedia(client: pg.Client, m: MediaRow): Promise<void> {
  await client.query(
    `INSERT INTO files_media (id, uid, friendly_token, title, description, summary, add_date, edit_date, media_file,
       thumbnail, poster, uploaded_thumbnail, uploaded_poster, sprites, duration, views, likes, dislikes, reported_times,
       state, is_reviewed, encoding_status, featured, user_featured, media_type, media_info, video_height,
       preview_file_path, password, enable_comments, hls_file, allow_download, allow_whisper_transcribe,
       allow_whisper_transcribe_and_translate, user_id, filename, is_encrypted, encryption_key, storage_usage_bytes,
       comment_count, is_draft, size, media_language, media_country)
     VALUES ($1::int, md5('test-media-' || $1::text)::uuid, $2::text, 'Test video ' || $2::text, '', '', now(), now(), 'original/user/x/' || $2::text || '.mp4',
       '', '', '', '', '', $3, 1, 1, 0, 0, 'public', true, $4, false, false, 'video', '{}', 720, '', '', true, '', true, false,
       false, $5, $2::text || '.mp4', false, '', 0, 0, false, $6, 'en', 'PH')`,
    [m.id, m.token, m.duration ?? 120, m.encodingStatus ?? 'success', m.userId, m.size === undefined ? '100.0MB' : m.size],
  );
}

/** A files_encoding row with CinemataCMS's column names; times are epoch ms. */
export interface EncodingRow {
  mediaId: number;
  profileId: number;
  status: 'pending' | 'running' | 'fail' | 'success';
  addDate: number;
  updateDate: number;
  logs?: string;
  taskDispatched?: boolean;
  chunk?: boolean;
  totalRunTime?: number;
  size?: string;
  retries?: number;
  taskId?: string;
  tempFile?: string;
}

export async function insertEncoding(client: pg.Client, e: EncodingRow): Promise<number> {
  const result = await client.query<{ id: number }>(
    `INSERT INTO files_encoding (logs, status, media_file, progress, add_date, update_date, temp_file, task_id, size,
       commands, total_run_time, retries, worker, chunk, chunk_file_path, chunks_info, profile_id, media_id, filename,
       task_dispatched)
     VALUES ($1, $2, '', $3, $4, $5, $6, $7, $8, '[]', $9, $10, 'localhost', $11, '', '', $12, $13, '', $14)
     RETURNING id`,
    [
      e.logs ?? '',
      e.status,
      e.status === 'success' ? 100 : 0,
      new Date(e.addDate).toISOString(),
      new Date(e.updateDate).toISOString(),
      e.tempFile ?? '',
      e.taskId ?? '',
      e.size ?? '',
      e.totalRunTime ?? 0,
      e.retries ?? 0,
      e.chunk ?? false,
      e.profileId,
      e.mediaId,
      e.taskDispatched ?? true,
    ],
  );
  return result.rows[0]?.id ?? -1;
}
