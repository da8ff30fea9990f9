import { defineCommand, findReportBuilder, REPORT_BUILDERS } from '../src/sdk.js';

export default defineCommand({
  name: 'report',
  summary: 'Runs a named report now: the same one a schedule posts',
  description: `Builds a report on demand. Reports: ${REPORT_BUILDERS.map((b) => `${b.id} (${b.description})`).join('; ')}.`,
  examples: ['/ops report query-audit', 'cinemata-ops report query-log-audit --json'],
  options: {
    id: { type: 'string', description: `which report: ${REPORT_BUILDERS.map((b) => b.id).join(', ')}`, positional: true },
  },
  role: 'viewer',
  async execute(ctx) {
    return findReportBuilder(ctx.options.id).build(ctx);
  },
});
