import { formatAge } from '../reports/health/format.js';
import { classifyFailure } from './classify-failure.js';
import type { EncodingRecord, MediaRecord } from './queries/encoding-lookup.js';

const LOGS = '/home/cinemata/cinematacms/logs/celery_long.log';

/**
 * The runbook "debugging failed encodings", in the order to check things, for one failed row: the classified cause
 * first, then the evidence CinemataCMS does not keep (the whole stderr, the source, the worker log), then resources,
 * then how to re-encode.
 */
export function failedEncodingSteps(e: EncodingRecord, media: MediaRecord): string[] {
  const cls = classifyFailure(e.logs);
  return [
    `Cause: ${cls.title}. ${cls.fix}`,
    'If the tail does not say enough: the row\'s commands column holds the exact FFmpeg argv; run it as www-data (sudo -u www-data ffmpeg …) to see the whole error (CinemataCMS keeps only the last ~500 characters).',
    `Check the source: ffprobe -hide_banner <MEDIA_ROOT>/<media_file of ${media.friendlyToken}>; it must open and last about ${media.duration} s (files_media.duration).`,
    e.taskId ? `Read the worker log: grep ${e.taskId} ${LOGS} (retries, "Soft time limit", tracebacks).` : `Read the worker log around the failure time: ${LOGS}.`,
    'Check the encoding host: df -h /tmp /home/cinemata/cinematacms/media_files; free -m; dmesg | tail -50.',
    `Re-encode once fixed: POST /api/v1/media/${media.friendlyToken} {"type":"encode","encoding_profiles":[${e.profile.id}]} with an editor's token${e.retries > 0 ? ' (the one automatic retry is already spent)' : ''}.`,
  ];
}

/** For a running row whose heartbeat stopped: is the task alive, is FFmpeg alive, then free its slot. */
export function stuckEncodingSteps(e: EncodingRecord, now: number): string[] {
  return [
    `The heartbeat (update_date) has been silent for ${formatAge((now - e.updatedAt) / 1000)}; a live encode saves it about every 50 s.`,
    e.taskId ? `Is the task alive? celery -A cms inspect active | grep ${e.taskId}` : 'The row has no task_id: it was never picked up by a worker.',
    e.tempFile ? `Is FFmpeg alive? ps -eo pid,etime,args | grep ${e.tempFile}` : 'The row has no temp_file yet: FFmpeg never started for it.',
    `If neither is alive the row is orphaned and ${e.taskDispatched ? 'holds a rate-limit slot' : 'blocks nothing'} until repaired: revoke it (celery -A cms control revoke <task_id> --terminate, which deletes the row) or requeue stale rows (celery -A cms call check_running_states --queue short_tasks).`,
  ];
}

/** What a pending row is waiting for. */
export function pendingEncodingSteps(e: EncodingRecord): string[] {
  return e.taskDispatched
    ? ['Dispatched to Celery and waiting for a worker: check the long_tasks/short_tasks queue depth and that celery_long runs.']
    : ['Deferred by the rate limiter: the drain (dispatch_deferred_encodings, every 60 s) sends it when a slot frees; `encodings` shows who holds the slots.'];
}
