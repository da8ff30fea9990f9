import { collectIndexesReport, defineCommand } from '../src/sdk.js';

export default defineCommand({
  name: 'indexes',
  summary: 'Missing indexes (with the column to index), invalid, unused and duplicate ones',
  description:
    "PgHero's index checks, live: tables of 10 000+ rows read by index less than 95% of the time, with the column their statements filter on where pg_stat_statements is installed (as a CREATE INDEX CONCURRENTLY to review); invalid indexes left by a failed build; indexes never scanned since the statistics reset; indexes covered by another one; and the CinemataCMS guide's advice (user_id, created_at, media_type) checked against the indexes that exist.",
  examples: ['/ops indexes'],
  options: {},
  role: 'viewer',
  async execute(ctx) {
    return collectIndexesReport(ctx.services, ctx.config, ctx.now);
  },
});
