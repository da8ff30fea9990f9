import type { Config } from '../../config/load-config.js';
import type { AppServices } from '../../dispatch/services.js';
import { readTaskWindow } from '../../celery/task-stats-store.js';
import { UserError } from '../../errors.js';
import type { TaskLogsDetail } from '../../probes/celery/tasks.js';
import type { Report } from '../report.js';
import { buildTasksReport } from './tasks-report.js';

/** Brings the worker-log parse up to date (the `celery-tasks` probe, fresh enough or now), then reads the window. */
export async function collectTasksReport(services: AppServices, config: Config, now: () => number, sinceMs: number): Promise<Report> {
  const reading = await services.probes.read<TaskLogsDetail>('celery-tasks');
  if (!reading.ok) throw new UserError('unavailable', `cannot read the Celery worker logs: ${reading.error}`);
  const end = now();
  const window = readTaskWindow(services.store, end - sinceMs, end);
  return buildTasksReport({ window, logs: reading.run.detail.logs, logDir: config.celery.logDir, sinceMs, now: end });
}
