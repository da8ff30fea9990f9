import { defineSchedule, findReportBuilder } from '../src/sdk.js';

/** The guide's monthly "audit query logs": the last 30 days of statements from the daily snapshots. */
export default defineSchedule({
  id: 'monthly-query-log-audit',
  description: 'Audit of the last 30 days of queries, on the first of each month',
  cron: '0 9 1 * *',
  async run(ctx) {
    if (!ctx.services.postgres) return null;
    return findReportBuilder('query-log-audit').build(ctx);
  },
});
