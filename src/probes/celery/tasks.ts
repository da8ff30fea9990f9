import type { LogTimeZone } from '../../celery/log-line.js';
import { createTaskLogParser, type LogParseStatus } from '../../celery/task-log-parser.js';
import type { TaskSummary } from '../../celery/task-stats.js';
import { readTaskWindow } from '../../celery/task-stats-store.js';
import type { Config } from '../../config/load-config.js';
import type { Store } from '../../store/store.js';
import type { Probe, Sample } from '../probe.js';
import { listWorkerLogs } from './worker-logs.js';

export interface TaskLogsDetail {
  /** What this run read from each worker log. */
  logs: LogParseStatus[];
  /** Per task over the last hour (to ten minutes). */
  lastHour: TaskSummary[];
  collectedAt: number;
}

export interface CeleryTasksProbeOptions {
  /** Keeps the read positions and the per-task buckets, so a restart resumes and counts each line once. */
  store: Store;
  celery: Pick<Config['celery'], 'logDir' | 'workers' | 'beatLog'>;
  zone?: LogTimeZone | undefined;
  /** Bytes read per log per run (default 64 MiB): a large backlog is caught up over several runs. */
  maxBytesPerRun?: number | undefined;
}

const HOUR_MS = 3_600_000;

/**
 * Parses what the Celery worker logs gained since the last run (received, succeeded with run time, raised, retry,
 * soft time limit, ERROR lines) into per-task buckets in the store, for `tasks` and for rules.
 *
 * Samples over the last hour, all {task}: celery_task_runs_last_hour{task,outcome} (received, succeeded, failed,
 * retried), celery_task_failure_ratio_last_hour, celery_task_runtime_p95_seconds_last_hour,
 * celery_task_soft_time_limits_last_hour; and celery_log_backlog_bytes{unit} (bytes not parsed yet).
 */
export function createCeleryTasksProbe(options: CeleryTasksProbeOptions): Probe<TaskLogsDetail> {
  const logs = listWorkerLogs(options.celery).filter((l) => l.queue !== null);
  const parser = createTaskLogParser({ store: options.store, logs, zone: options.zone, maxBytesPerRun: options.maxBytesPerRun });
  return {
    id: 'celery-tasks',
    description: `Celery task outcomes from ${logs.map((l) => l.path).join(', ')}`,
    async collect(ctx) {
      const statuses = await parser.update(ctx.now());
      const at = ctx.now();
      const lastHour = readTaskWindow(options.store, at - HOUR_MS, at).tasks;
      return { samples: buildTaskSamples(statuses, lastHour, at), detail: { logs: statuses, lastHour, collectedAt: at } };
    },
  };
}

function buildTaskSamples(statuses: readonly LogParseStatus[], tasks: readonly TaskSummary[], at: number): Sample[] {
  const samples: Sample[] = statuses
    .filter((s) => s.error === null && s.event !== 'missing')
    .map((s) => ({ metric: 'celery_log_backlog_bytes', labels: { unit: s.unit }, value: s.backlogBytes, at }));
  for (const t of tasks) {
    for (const outcome of ['received', 'succeeded', 'failed', 'retried'] as const) {
      samples.push({ metric: 'celery_task_runs_last_hour', labels: { task: t.task, outcome }, value: t[outcome], at });
    }
    samples.push({ metric: 'celery_task_soft_time_limits_last_hour', labels: { task: t.task }, value: t.softTimeLimit, at });
    if (t.failureRate !== null) samples.push({ metric: 'celery_task_failure_ratio_last_hour', labels: { task: t.task }, value: t.failureRate, at });
    if (t.p95 !== null) samples.push({ metric: 'celery_task_runtime_p95_seconds_last_hour', labels: { task: t.task }, value: t.p95, at });
  }
  return samples;
}
