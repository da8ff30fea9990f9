import type { Json, Store } from '../store/store.js';
import { bucketStart, summariseBuckets, type TaskBucket, type TaskSummary } from './task-stats.js';

/**
 * Where the worker-log parser keeps its state, under `celery-tasks:` keys of the store's key/value state: one
 * record per ten-minute bucket and an index of them, the latest ERROR lines, and one read cursor per log.
 */
const KEY = {
  index: 'celery-tasks:buckets',
  bucket: (start: number) => `celery-tasks:bucket:${start}`,
  errors: 'celery-tasks:errors',
  cursor: (unit: string) => `celery-tasks:cursor:${unit}`,
} as const;

/** How far back buckets are kept: a week for `tasks --since 7d`, plus a day of slack. */
export const RETENTION_MS = 8 * 86_400_000;
/** ERROR lines remembered for `tasks`. */
export const MAX_ERRORS = 20;

/** Where a log was read up to: the file's inode (to notice rotation) and the byte after the last whole line. */
export interface LogCursor {
  inode: number;
  offset: number;
  /** The last entry was an ERROR line whose traceback may continue in the next read. */
  openError: boolean;
}

export interface RecentError {
  /** Epoch ms. */
  at: number;
  unit: string;
  /** The ERROR line's message, clipped, tokens scrubbed. */
  message: string;
  /** The exception that closed its traceback ("RuntimeError: …"), when there was one. */
  exception: string | null;
}

// The store holds JSON; these records are JSON by construction, so the casts stay in these two helpers.
function read<T>(store: Store, key: string): T | undefined {
  return store.getState<Json>(key) as T | undefined;
}
function write(store: Store, key: string, value: unknown): void {
  store.setState(key, value as Json);
}

export function loadCursor(store: Store, unit: string): LogCursor | undefined {
  return read<LogCursor>(store, KEY.cursor(unit));
}
export function saveCursor(store: Store, unit: string, cursor: LogCursor): void {
  write(store, KEY.cursor(unit), cursor);
}
export function loadErrors(store: Store): RecentError[] {
  return read<RecentError[]>(store, KEY.errors) ?? [];
}
export function saveErrors(store: Store, errors: readonly RecentError[]): void {
  write(store, KEY.errors, errors.slice(-MAX_ERRORS));
}
export function loadBucket(store: Store, start: number): TaskBucket {
  return read<TaskBucket>(store, KEY.bucket(start)) ?? {};
}

/** Writes changed buckets, adds them to the index and drops the ones older than the retention. */
export function saveBuckets(store: Store, changed: ReadonlyMap<number, TaskBucket>, now: number): void {
  const index = new Set(read<number[]>(store, KEY.index) ?? []);
  for (const [start, bucket] of changed) {
    write(store, KEY.bucket(start), bucket);
    index.add(start);
  }
  const oldest = bucketStart(now - RETENTION_MS);
  for (const start of index) {
    if (start >= oldest) continue;
    store.deleteState(KEY.bucket(start));
    index.delete(start);
  }
  write(store, KEY.index, [...index].sort((a, b) => a - b));
}

export interface TaskWindow {
  /** Start of the first bucket in the window (epoch ms): the window is exact to BUCKET_MS. */
  from: number;
  to: number;
  tasks: TaskSummary[];
  /** ERROR lines in the window, oldest first. */
  errors: RecentError[];
}

/** Per-task counts and run-time percentiles over [from, to], from the stored buckets. */
export function readTaskWindow(store: Store, from: number, to: number): TaskWindow {
  const first = bucketStart(from);
  // No upper bound: a log clock slightly ahead of the bot's must not hide the newest lines.
  const starts = (read<number[]>(store, KEY.index) ?? []).filter((s) => s >= first);
  const buckets = starts.map((s) => loadBucket(store, s));
  return { from: first, to, tasks: summariseBuckets(buckets), errors: loadErrors(store).filter((e) => e.at >= first) };
}
