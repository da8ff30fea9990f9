import type { Store } from '../store/store.js';
import { parseLogLine, type LogTimeZone } from './log-line.js';
import { readNewLines } from './log-reader.js';
import { parseExceptionLine, parseTaskEvent } from './task-event.js';
import { applyEvent, bucketStart, type TaskBucket } from './task-stats.js';
import { loadBucket, loadCursor, loadErrors, MAX_ERRORS, saveBuckets, saveCursor, saveErrors, type RecentError } from './task-stats-store.js';

export interface WorkerLog {
  /** The systemd unit writing it, e.g. celery_long. */
  unit: string;
  path: string;
}

export interface TaskLogParserOptions {
  store: Store;
  logs: readonly WorkerLog[];
  zone?: LogTimeZone | undefined;
  /** Bytes read per log per update; a big backlog is caught up over several runs. Default 64 MiB. */
  maxBytesPerRun?: number | undefined;
}

/** What one update did for one log. */
export interface LogParseStatus {
  unit: string;
  path: string;
  linesParsed: number;
  bytesRead: number;
  /** Bytes still to read (catching up), 0 when up to date. */
  backlogBytes: number;
  event: 'rotated' | 'rotated-unread' | 'truncated' | 'missing' | null;
  /** Why the log could not be read (permissions …), or null. */
  error: string | null;
}

export interface TaskLogParser {
  /** Reads what the worker logs gained since the last update and adds it to the stored per-task buckets. */
  update(now: number): Promise<LogParseStatus[]>;
}

const ERROR_MESSAGE_LIMIT = 300;
/** Soft-limit task ids remembered so a following retry/failure line mentioning it is not counted twice. */
const SOFT_LIMIT_MEMORY = 1_000;

/**
 * Incremental parser of the Celery worker logs. Its position (inode and offset) in each log lives in the store, so a
 * restart of the bot resumes where it stopped and each line is counted once; memory stays bounded by the read chunk
 * and the ten-minute buckets it touches.
 */
export function createTaskLogParser(options: TaskLogParserOptions): TaskLogParser {
  const zone = options.zone ?? 'local';
  const maxBytes = options.maxBytesPerRun ?? 64 * 2 ** 20;
  const { store } = options;

  return {
    async update(now) {
      const changed = new Map<number, TaskBucket>();
      const bucketAt = (at: number): TaskBucket => {
        const start = bucketStart(at);
        let bucket = changed.get(start);
        if (!bucket) changed.set(start, (bucket = loadBucket(store, start)));
        return bucket;
      };
      const errors = loadErrors(store);
      const statuses: LogParseStatus[] = [];
      for (const log of options.logs) statuses.push(await updateLog(log, bucketAt, errors));
      saveBuckets(store, changed, now);
      saveErrors(store, errors);
      return statuses;
    },
  };

  async function updateLog(log: WorkerLog, bucketAt: (at: number) => TaskBucket, errors: RecentError[]): Promise<LogParseStatus> {
    const cursor = loadCursor(store, log.unit);
    // The ERROR entry whose traceback may still be coming; it survives between reads through the cursor.
    let open: RecentError | null = cursor?.openError ? (errors.findLast((e) => e.unit === log.unit) ?? null) : null;
    let linesParsed = 0;
    const softLimited = new Set<string>();
    const onLine = (text: string): void => {
      const line = parseLogLine(text, zone);
      if (line === null) {
        // Traceback lines: the last exception line names what went wrong, better than "ExceptionWithTraceback()".
        const exception = open ? parseExceptionLine(text) : null;
        if (open && exception) open.exception = scrub(exception).slice(0, ERROR_MESSAGE_LIMIT);
        return;
      }
      linesParsed++;
      open = null;
      if (line.level === 'ERROR' || line.level === 'CRITICAL') {
        open = { at: line.at, unit: log.unit, message: scrub(line.message).slice(0, ERROR_MESSAGE_LIMIT), exception: null };
        errors.push(open);
        if (errors.length > 2 * MAX_ERRORS) errors.splice(0, errors.length - MAX_ERRORS);
      }
      const event = parseTaskEvent(line.message);
      if (event === null) return;
      if (event.kind === 'soft-time-limit') {
        softLimited.add(event.id);
        if (softLimited.size > SOFT_LIMIT_MEMORY) softLimited.delete(softLimited.values().next().value as string);
      } else if ((event.kind === 'retried' || event.kind === 'failed') && event.reason.includes('SoftTimeLimitExceeded')) {
        // The worker logs "Soft time limit (…) exceeded" first; count the exception itself only when that was missed.
        if (!softLimited.delete(event.id)) applyEvent(bucketAt(line.at), { kind: 'soft-time-limit', task: event.task, id: event.id, limitSeconds: 0 });
      }
      applyEvent(bucketAt(line.at), event);
    };
    try {
      const outcome = await readNewLines(log.path, cursor ? { inode: cursor.inode, offset: cursor.offset } : null, maxBytes, onLine);
      if (outcome.position) saveCursor(store, log.unit, { ...outcome.position, openError: open !== null });
      const event = outcome.position === null ? 'missing' : outcome.event;
      return { unit: log.unit, path: log.path, linesParsed, bytesRead: outcome.bytesRead, backlogBytes: outcome.backlogBytes, event, error: null };
    } catch (error) {
      return { unit: log.unit, path: log.path, linesParsed, bytesRead: 0, backlogBytes: 0, event: null, error: describeReadError(error, log.path) };
    }
  }
}

/** Restricted-media URLs carry 4-hour access tokens (`?token=`); they must not reach chat. */
function scrub(text: string): string {
  return text.replace(/([?&]token=)[^&\s'"]+/gi, '$1[redacted]');
}

function describeReadError(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return `cannot read ${path}: permission denied (the bot's user needs read access, e.g. the www-data group)`;
  if (code === 'EISDIR') return `${path} is a directory, not a log file`;
  return `cannot read ${path}: ${(error as Error).message}`;
}
