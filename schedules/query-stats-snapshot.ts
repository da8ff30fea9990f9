import { defineSchedule, takeStatementsSnapshot } from '../src/sdk.js';

/**
 * Keeps pg_stat_statements snapshots (hourly for 48 h, daily for 35 days) so `slow-queries`, the weekly query
 * audit and the monthly query-log audit each cover their own window rather than everything since the last reset.
 * It posts nothing; without CINEMATA_DATABASE_URL it does nothing.
 */
export default defineSchedule({
  id: 'query-stats-snapshot',
  description: 'Snapshot pg_stat_statements every hour for the query audits',
  cron: '7 * * * *',
  async run(ctx) {
    const postgres = ctx.services.postgres;
    if (!postgres) return null;
    await takeStatementsSnapshot({ postgres, store: ctx.services.store, now: ctx.now });
    return null;
  },
});
