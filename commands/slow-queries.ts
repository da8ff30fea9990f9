import { collectSlowQueriesReport, defineCommand, RANKINGS } from '../src/sdk.js';

export default defineCommand({
  name: 'slow-queries',
  summary: 'Top statements from pg_stat_statements over a window, with regressions, new statements and what to do',
  description:
    "Reads pg_stat_statements now and subtracts the stored snapshot nearest to the start of the window, so the figures cover that window rather than everything since the last reset (until a snapshot is old enough it says so and shows everything since the reset). Lists the top statements (calls, total and mean time, rows per call, shared-buffer hit %), flags regressions (mean up 50% against the previous window), new statements and PgHero's slow rule (postgres.slowQueryMs, postgres.slowQueryCalls), and says what to do next. The bot's own statements are left out and their cost shown on its own line.",
  examples: ['/ops slow-queries', 'cinemata-ops slow-queries --since 7d --limit 20', 'cinemata-ops slow-queries --by mean'],
  options: {
    limit: { type: 'integer', description: 'statements to list', default: 10, min: 1, max: 100 },
    since: { type: 'duration', description: 'window length, ending now', default: '24h', min: 60_000, max: 35 * 86_400_000 },
    by: { type: 'string', description: 'ranking: total time, mean time, calls, rows, or lowest hit %', choices: RANKINGS, default: 'total' },
  },
  role: 'viewer',
  async execute(ctx) {
    const by = RANKINGS.find((r) => r === ctx.options.by) ?? 'total';
    return collectSlowQueriesReport(ctx, { limit: ctx.options.limit, sinceMs: ctx.options.since, by });
  },
});
