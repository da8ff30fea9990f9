import { addDuration, createDigest, mergeDigests, quantile, type DurationDigest } from './duration-digest.js';
import type { TaskEvent } from './task-event.js';

/** Counts of one task in one time bucket. */
export interface TaskCounts {
  received: number;
  succeeded: number;
  failed: number;
  retried: number;
  softTimeLimit: number;
  /** Run times of successful runs, seconds (Celery logs no run time for a failure). */
  runtime?: DurationDigest | undefined;
}

/** Task name → counts, for one bucket of BUCKET_MS. */
export type TaskBucket = Record<string, TaskCounts>;

/** Buckets are ten minutes long: `tasks --since` is exact to ten minutes, and a week is ~1,000 small records. */
export const BUCKET_MS = 600_000;
/** Task names per bucket; a log full of odd names cannot grow the store without bound. */
export const MAX_TASKS_PER_BUCKET = 100;
export const OTHER_TASKS = '(other tasks)';

export function bucketStart(at: number): number {
  return Math.floor(at / BUCKET_MS) * BUCKET_MS;
}

export function emptyCounts(): TaskCounts {
  return { received: 0, succeeded: 0, failed: 0, retried: 0, softTimeLimit: 0 };
}

function countsFor(bucket: TaskBucket, task: string): TaskCounts {
  const existing = bucket[task];
  if (existing) return existing;
  const name = Object.keys(bucket).length >= MAX_TASKS_PER_BUCKET ? OTHER_TASKS : task;
  return (bucket[name] ??= emptyCounts());
}

/** Adds one event; a soft-limit event is counted by the caller only once per run (see the parser). */
export function applyEvent(bucket: TaskBucket, event: TaskEvent): void {
  const counts = countsFor(bucket, event.task);
  switch (event.kind) {
    case 'received':
      counts.received++;
      break;
    case 'succeeded':
      counts.succeeded++;
      addDuration((counts.runtime ??= createDigest()), event.seconds);
      break;
    case 'failed':
      counts.failed++;
      break;
    case 'retried':
      counts.retried++;
      break;
    case 'soft-time-limit':
      counts.softTimeLimit++;
      break;
  }
}

/** One task over a window. Run times in seconds; null when it never succeeded in the window. */
export interface TaskSummary extends Omit<TaskCounts, 'runtime'> {
  task: string;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  mean: number | null;
  max: number | null;
  /** False when the percentiles come from the histogram (within 1%) rather than every value. */
  runtimeExact: boolean;
  /** failed ÷ (succeeded + failed); null when nothing finished. Retries are not failures: the task runs again. */
  failureRate: number | null;
}

export function summariseBuckets(buckets: readonly TaskBucket[]): TaskSummary[] {
  const byTask = new Map<string, { counts: TaskCounts; digests: DurationDigest[] }>();
  for (const bucket of buckets) {
    for (const [task, c] of Object.entries(bucket)) {
      const entry = byTask.get(task) ?? { counts: emptyCounts(), digests: [] };
      entry.counts.received += c.received;
      entry.counts.succeeded += c.succeeded;
      entry.counts.failed += c.failed;
      entry.counts.retried += c.retried;
      entry.counts.softTimeLimit += c.softTimeLimit;
      if (c.runtime) entry.digests.push(c.runtime);
      byTask.set(task, entry);
    }
  }
  return [...byTask].map(([task, { counts, digests }]) => {
    const runtime = mergeDigests(digests);
    const finished = counts.succeeded + counts.failed;
    return {
      task,
      received: counts.received,
      succeeded: counts.succeeded,
      failed: counts.failed,
      retried: counts.retried,
      softTimeLimit: counts.softTimeLimit,
      p50: quantile(runtime, 0.5),
      p95: quantile(runtime, 0.95),
      p99: quantile(runtime, 0.99),
      mean: runtime.count > 0 ? runtime.sum / runtime.count : null,
      max: runtime.count > 0 ? runtime.max : null,
      runtimeExact: runtime.exact !== undefined,
      failureRate: finished > 0 ? counts.failed / finished : null,
    };
  });
}
