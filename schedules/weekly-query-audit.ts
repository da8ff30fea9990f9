import { defineSchedule, findReportBuilder } from '../src/sdk.js';

/** The weekly query audit (top statements, regressions, new statements) from the stored snapshots. */
export default defineSchedule({
  id: 'weekly-query-audit',
  description: 'Query audit of the last week, every Monday morning',
  cron: '30 8 * * 1',
  async run(ctx) {
    if (!ctx.services.postgres) return null;
    return findReportBuilder('query-audit').build(ctx);
  },
});
