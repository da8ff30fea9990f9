/** What a worker log line says about a task. Names may hold dots (`cms.celery.debug_task`). */
export type TaskEvent =
  | { kind: 'received'; task: string; id: string }
  | { kind: 'succeeded'; task: string; id: string; seconds: number }
  | { kind: 'failed'; task: string; id: string; reason: string }
  | { kind: 'retried'; task: string; id: string; reason: string }
  | { kind: 'soft-time-limit'; task: string; id: string; limitSeconds: number };

const TASK = String.raw`([\w.:-]+)\[([\w-]+)\]`;
const RECEIVED_RE = new RegExp(String.raw`^Task ${TASK} received$`);
const SUCCEEDED_RE = new RegExp(String.raw`^Task ${TASK} succeeded in ([-+\d.eE]+)s:`);
const FAILED_RE = new RegExp(String.raw`^Task ${TASK} raised unexpected: (.*)$`);
const RETRY_RE = new RegExp(String.raw`^Task ${TASK} retry: (.*)$`);
const SOFT_LIMIT_RE = new RegExp(String.raw`^Soft time limit \(([\d.]+)s\) exceeded for ${TASK}`);

/**
 * Reads Celery's own task lines (celery/app/trace.py, celery/worker/request.py):
 * `Task x[id] received`, `… succeeded in 0.2s: …`, `… raised unexpected: …`, `… retry: Retry in 5s: …` and
 * `Soft time limit (300s) exceeded for x[id]`. Anything else is not a task event.
 */
export function parseTaskEvent(message: string): TaskEvent | null {
  const first = message.charCodeAt(0);
  if (first === 84 /* T */) {
    let m = RECEIVED_RE.exec(message);
    if (m) return { kind: 'received', task: m[1] as string, id: m[2] as string };
    m = SUCCEEDED_RE.exec(message);
    if (m) {
      const seconds = Number(m[3]);
      return Number.isFinite(seconds) ? { kind: 'succeeded', task: m[1] as string, id: m[2] as string, seconds } : null;
    }
    m = FAILED_RE.exec(message);
    if (m) return { kind: 'failed', task: m[1] as string, id: m[2] as string, reason: m[3] as string };
    m = RETRY_RE.exec(message);
    if (m) return { kind: 'retried', task: m[1] as string, id: m[2] as string, reason: m[3] as string };
    return null;
  }
  if (first === 83 /* S */) {
    const m = SOFT_LIMIT_RE.exec(message);
    if (m) return { kind: 'soft-time-limit', task: m[2] as string, id: m[3] as string, limitSeconds: Number(m[1]) };
  }
  return null;
}

/**
 * The exception line closing a traceback ("RuntimeError: ffmpeg exited with 1 …"): a dotted name, a colon and a
 * message. Indented frames, "Traceback (most recent call last):" and billiard's empty
 * "ExceptionWithTraceback: " wrapper do not match.
 */
export function parseExceptionLine(line: string): string | null {
  if (!/^[A-Za-z_][\w.]*: \S/.test(line)) return null;
  return line.trim();
}
