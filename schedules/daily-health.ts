import { collectHealthReport, defineSchedule } from '../src/sdk.js';

/** The morning look at the platform the monitoring guide asks for ("check system logs and dashboard: daily"). */
export default defineSchedule({
  id: 'daily-health',
  description: 'Health of host and services every morning',
  cron: '0 9 * * *',
  async run(ctx) {
    const report = await collectHealthReport(ctx.services, ctx.config, ctx.now);
    return { ...report, title: `Daily health: ${report.title.replace(/^Health of /, '')}` };
  },
});
