import type { Config } from '../../config/load-config.js';
import type { StatementsAuditRun } from '../../postgres/statements/run-statements-audit.js';
import type { Report, Section } from '../report.js';
import { newStatementsSection, regressionsSection, slowSection } from './flag-sections.js';
import { formatCount, formatMs, plural } from './format.js';
import { auditFootnotes, auditRecentStatements, type ReportContext } from './run-audit.js';
import { explainActions } from './slow-queries-report.js';
import { adviceItems, describeWindow, overviewFields, statementsTable } from './statement-sections.js';

export const WEEK_MS = 7 * 86_400_000;
const TOP = 20;

/**
 * `query-audit`, weekly: the last 7 days of pg_stat_statements from the snapshots, top statements by total time,
 * regressions against the week before, new statements, PgHero's slow rule and the advice hooks.
 */
export async function buildQueryAuditReport(ctx: ReportContext): Promise<Report> {
  return renderQueryAuditReport(await auditRecentStatements(ctx, WEEK_MS), ctx.config, ctx.now());
}

/** The report for an audit that has already run: pure, so renderers and golden files can use it directly. */
export function renderQueryAuditReport(run: StatementsAuditRun, config: Config, now: number): Report {
  const { postgres } = config;
  const top = run.statements.slice(0, TOP);
  const advice = adviceItems(top, { cacheHitPercent: postgres.cacheHitPercent }, TOP);
  const regressions = run.statements.filter((s) => s.regression).length;
  const slow = run.statements.filter((s) => s.slow).length;
  const fresh = run.statements.filter((s) => s.isNew).length;
  const sections: Section[] = [
    { blocks: [{ kind: 'text', text: describeWindow(run) }, { kind: 'fields', fields: overviewFields(run) }] },
    { title: `Top ${top.length} statements by total time`, blocks: top.length > 0 ? [statementsTable(top)] : [{ kind: 'text', text: 'No statement ran in this window.' }] },
    regressionsSection(run, 15),
    newStatementsSection(run, 15),
    slowSection(run, postgres, 15),
    {
      title: 'Index and query advice',
      severity: advice.some((a) => a.severity === 'warning') ? 'warning' : 'info',
      blocks: [advice.length > 0 ? { kind: 'list', items: advice } : { kind: 'text', text: 'Nothing to suggest for the top statements.' }],
    },
  ];
  return {
    title: 'Weekly query audit',
    severity: regressions + slow > 0 ? 'warning' : 'ok',
    summary: `${formatMs(run.totals.totalMs)} of database time in ${formatCount(run.totals.statements)} statements; ${plural(regressions, 'regression')}, ${fresh} new, ${slow} slow by PgHero's rule.`,
    sections,
    actions: explainActions(top),
    footnotes: auditFootnotes(run, config),
    generatedAt: now,
  };
}
