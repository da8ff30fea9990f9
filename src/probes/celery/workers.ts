import { inspectLogFile, type LogFileState } from '../../celery/log-tail.js';
import type { LogTimeZone } from '../../celery/log-line.js';
import type { Config } from '../../config/load-config.js';
import type { Probe, Sample } from '../probe.js';
import { listWorkerLogs, type WorkerLogPath } from './worker-logs.js';

export interface WorkerLogsDetail {
  /** The worker units of `celery.workers`, in config order, then beat. */
  logs: Array<WorkerLogPath & { state: LogFileState }>;
  collectedAt: number;
}

export interface CeleryWorkersProbeOptions {
  celery: Pick<Config['celery'], 'logDir' | 'workers' | 'beatLog'>;
  /** How worker log timestamps are read; default the bot's local zone (it runs on the workers' host). */
  zone?: LogTimeZone | undefined;
}

/**
 * Liveness of the Celery workers and beat as their logs tell it: the last line of each log, beat's last
 * `Scheduler: Sending due task` line, and whether a rotated log is still being written. A missing or unreadable log
 * is part of the detail, not a probe failure. systemd state comes from the `services` probe.
 *
 * Samples, all {unit}: celery_worker_log_age_seconds (age of the last log line), celery_log_writes_rotated_file
 * (1 when `<log>.1` changed after `<log>`: restart needed), and celery_beat_due_task_age_seconds (no labels).
 */
export function createCeleryWorkersProbe(options: CeleryWorkersProbeOptions): Probe<WorkerLogsDetail> {
  const logs = listWorkerLogs(options.celery);
  const zone = options.zone ?? 'local';
  return {
    id: 'celery-workers',
    description: `Celery worker and beat logs: ${logs.map((l) => l.path).join(', ')}`,
    async collect(ctx) {
      const states = await Promise.all(logs.map(async (log) => ({ ...log, state: await inspectLogFile(log.path, zone) })));
      const at = ctx.now();
      return { samples: buildWorkerSamples(states, at), detail: { logs: states, collectedAt: at } };
    },
  };
}

function buildWorkerSamples(logs: WorkerLogsDetail['logs'], at: number): Sample[] {
  const samples: Sample[] = [];
  for (const { unit, queue, state } of logs) {
    if (!state.exists) continue;
    const labels = { unit };
    if (state.lastLineAt !== null) samples.push({ metric: 'celery_worker_log_age_seconds', labels, value: Math.max(0, (at - state.lastLineAt) / 1000), at });
    samples.push({ metric: 'celery_log_writes_rotated_file', labels, value: state.writesRotatedFile ? 1 : 0, at });
    if (queue === null && state.lastDueTask) {
      samples.push({ metric: 'celery_beat_due_task_age_seconds', labels: {}, value: Math.max(0, (at - state.lastDueTask.at) / 1000), at });
    }
  }
  return samples;
}
