import { defineSchedule, findReportBuilder } from '../src/sdk.js';

/** The guide's weekly "check encoding failure rate", posted where `reports` lists `weekly-encoding-failures`. */
export default defineSchedule({
  id: 'weekly-encoding-failures',
  description: 'Encoding failures of the last week, every Monday morning',
  cron: '0 8 * * 1',
  async run(ctx) {
    if (!ctx.services.postgres) return null;
    return findReportBuilder('encoding-failures').build(ctx);
  },
});
