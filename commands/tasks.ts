import { collectTasksReport, defineCommand } from '../src/sdk.js';

export default defineCommand({
  name: 'tasks',
  summary: 'Celery tasks from the worker logs: outcomes, run-time percentiles, failure rate, latest errors',
  description:
    'Per task name over the window: received, succeeded, failed, retried and stopped by a soft time limit, the p50/p95/p99 run time of successful runs and the failure rate, worst first, then the latest ERROR lines with the exception that ended them. Read incrementally from the worker logs (rotation-safe); the window is exact to ten minutes and reaches back at most a week.',
  examples: ['/ops tasks', '/ops tasks --since 1h', 'cinemata-ops tasks --since 7d --json'],
  options: {
    since: { type: 'duration', description: 'how far back to look', default: '24h', min: 600_000, max: 604_800_000 },
  },
  role: 'viewer',
  async execute(ctx) {
    return collectTasksReport(ctx.services, ctx.config, ctx.now, ctx.options.since);
  },
});
