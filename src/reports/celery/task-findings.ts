import type { LogParseStatus } from '../../celery/task-log-parser.js';
import type { TaskSummary } from '../../celery/task-stats.js';
import type { Finding } from '../health/findings.js';
import { formatBytes } from '../health/format.js';
import { formatCount, formatRate } from './format.js';

/** Failure rates that matter, after celery-exporter's CeleryTaskHighFailRate (5 %); 20 % is most runs failing. */
const FAILURE_RATE = { warning: 0.05, critical: 0.2 } as const;
/** Below this many finished runs a rate says little: any failure is a warning. */
const MIN_RUNS_FOR_RATE = 5;

/** Where to look first when a CinemataCMS task fails (reference/cinemata.md §3.3, §7). */
const FAILURE_HINTS: Readonly<Record<string, string>> = {
  encode_media: 'ffmpeg failed: the exception lines below name the file and error; an encode retries once (not for "Invalid data found", "Output file is empty"), then its files_encoding row stays fail',
  whisper_transcribe: 'Whisper failed: check whisper-cli and its model under /home/cinemata/whisper.cpp (the errors below say which)',
  send_notification_email: 'mail is not going out: check the SMTP settings and that the mail server accepts the connection',
  create_hls: 'HLS packaging failed: mp4hls (Bento4) timed out or is missing; see the errors below',
};

export function findTaskProblems(tasks: readonly TaskSummary[]): Finding[] {
  const out: Finding[] = [];
  for (const t of tasks) {
    if (t.failed > 0 && t.failureRate !== null) {
      const finished = t.succeeded + t.failed;
      const severity = finished < MIN_RUNS_FOR_RATE ? 'warning' : t.failureRate >= FAILURE_RATE.critical ? 'critical' : t.failureRate >= FAILURE_RATE.warning ? 'warning' : 'info';
      out.push({
        severity,
        text: `${t.task}: ${formatCount(t.failed)} of ${formatCount(finished)} runs failed (${formatRate(t.failureRate)})`,
        hint: FAILURE_HINTS[t.task] ?? 'the latest errors below say why; full tracebacks are in the worker logs (celery.logDir)',
      });
    }
    if (t.softTimeLimit > 0) {
      out.push({
        severity: 'warning',
        text: `${t.task}: stopped by its soft time limit ${formatCount(t.softTimeLimit)} time(s)`,
        hint:
          t.task === 'encode_media'
            ? 'the encode ran past 7200 s: ffmpeg was killed and the encode retried once; a file that always does this needs a look'
            : 'cut off mid-work (short_tasks workers stop tasks after 300 s, --soft-time-limit=300): find what made it slow before raising the limit',
      });
    }
  }
  return out;
}

export function findParseProblems(logs: readonly LogParseStatus[], logDir: string): Finding[] {
  const out: Finding[] = [];
  for (const log of logs) {
    if (log.error) out.push({ severity: 'warning', text: log.error, hint: "its tasks are missing from the counts until the bot's user can read it" });
    else if (log.backlogBytes > 0) out.push({ severity: 'info', text: `still reading ${log.unit}'s log: ${formatBytes(log.backlogBytes)} to go`, hint: 'counts grow as the backlog is read (up to 64 MiB per sampling round)' });
    if (log.event === 'rotated-unread') out.push({ severity: 'info', text: `${log.unit}'s log was rotated and compressed before its last lines were read`, hint: 'a few seconds of task lines may be missing from the counts' });
  }
  if (logs.length > 0 && logs.every((l) => l.event === 'missing')) {
    out.push({ severity: 'info', text: `no worker logs in ${logDir}`, hint: 'set celery.logDir and celery.workers.<unit>.log in cinemata-ops.yaml' });
  }
  return out;
}
