import { collectBloatReport, defineCommand } from '../src/sdk.js';

export default defineCommand({
  name: 'bloat',
  summary: 'Dead tuples per table, last vacuum and analyze, vacuums running, and what to run',
  description:
    'Reads pg_stat_user_tables and pg_stat_progress_vacuum live: dead tuples per table with their share, when each table was last vacuumed and analyzed (by hand or by autovacuum), whether autovacuum is on, and the vacuums running now. Tables over postgres.deadTuplePercent with at least postgres.deadTupleMinimum dead tuples are flagged with the VACUUM (VERBOSE, ANALYZE) to run.',
  examples: ['/ops bloat'],
  options: {},
  role: 'viewer',
  async execute(ctx) {
    return collectBloatReport(ctx.services, ctx.config, ctx.now);
  },
});
