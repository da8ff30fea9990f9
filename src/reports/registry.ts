import { UserError } from '../errors.js';
import { suggest } from '../dispatch/suggest.js';
import { buildEncodingFailuresReport } from './encodings/encoding-failures-report.js';
import { buildQueryAuditReport } from './query-audit/query-audit-report.js';
import { buildQueryLogAuditReport } from './query-audit/query-log-audit-report.js';
import type { ReportContext } from './query-audit/run-audit.js';
import type { Report } from './report.js';

export type { ReportContext } from './query-audit/run-audit.js';

/**
 * A named report that `report <id>` runs on demand and a schedule can post. Adding one (encoding-failures,
 * traffic, …) is one entry below.
 */
export interface ReportBuilder {
  /** kebab-case, unique. */
  id: string;
  /** One line for `report` listings. */
  description: string;
  build(ctx: ReportContext): Promise<Report>;
}

export const REPORT_BUILDERS: readonly ReportBuilder[] = checkBuilders([
  {
    id: 'query-audit',
    description: "Weekly query audit: the last 7 days of pg_stat_statements, top statements, regressions, new statements, PgHero's slow rule, index advice",
    build: buildQueryAuditReport,
  },
  {
    id: 'query-log-audit',
    description: "Monthly audit of the query log: the last 30 days from daily snapshots, by time and calls, the bot's own cost, statements that appeared or disappeared",
    build: buildQueryLogAuditReport,
  },
  {
    id: 'encoding-failures',
    description:
      'Weekly encoding failures: failure rate and trend by profile, top FFmpeg failure causes with an example media and the fix, stuck rows and starved rate-limit slots',
    build: buildEncodingFailuresReport,
  },
]);

/** Fails at load, like the command registry, so a duplicate or malformed id never reaches a user. */
function checkBuilders(builders: ReportBuilder[]): ReportBuilder[] {
  const seen = new Set<string>();
  for (const b of builders) {
    if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(b.id)) throw new Error(`report "${b.id}": ids are kebab-case`);
    if (seen.has(b.id)) throw new Error(`two reports are named "${b.id}"`);
    seen.add(b.id);
  }
  return builders;
}

/** The builder for `id`, or a UserError listing the reports (with the closest id when it looks like a typo). */
export function findReportBuilder(id: string | undefined, builders: readonly ReportBuilder[] = REPORT_BUILDERS): ReportBuilder {
  const ids = builders.map((b) => b.id);
  const list = `reports: ${ids.join(', ')}`;
  if (id === undefined || id === '') throw new UserError('missing_argument', 'report: which report? <id> is required', { hint: list });
  const found = builders.find((b) => b.id === id);
  if (found) return found;
  const close = suggest(id, ids);
  throw new UserError('bad_option', `report: unknown report "${id}"`, { hint: close === undefined ? list : `did you mean "${close}"? ${list}` });
}
