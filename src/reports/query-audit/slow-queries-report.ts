import type { StatementsAuditRun } from '../../postgres/statements/run-statements-audit.js';
import type { Report, ReportAction, Section } from '../report.js';
import { newStatementsSection, regressionsSection, slowSection } from './flag-sections.js';
import { formatMs, formatSpan, shortenQuery } from './format.js';
import { matchExplainTarget } from './match-shape.js';
import { auditFootnotes, auditRecentStatements, type ReportContext } from './run-audit.js';
import { adviceItems, describeWindow, overviewFields, rankStatements, statementsTable, type Ranking } from './statement-sections.js';

export interface SlowQueriesOptions {
  /** Rows in the table, 1–100. */
  limit: number;
  /** Window length, ms. */
  sinceMs: number;
  by: Ranking;
}

const RANKING_LABEL: Record<Ranking, string> = { total: 'total time', mean: 'mean time', calls: 'calls', rows: 'rows', hit: 'lowest shared-buffer hit %' };

/** `slow-queries`: a fresh reading of pg_stat_statements against the snapshot nearest to now − since. */
export async function collectSlowQueriesReport(ctx: ReportContext, options: SlowQueriesOptions): Promise<Report> {
  const run = await auditRecentStatements(ctx, options.sinceMs);
  return buildSlowQueriesReport(run, ctx, options);
}

export function buildSlowQueriesReport(run: StatementsAuditRun, ctx: ReportContext, options: SlowQueriesOptions): Report {
  const { postgres } = ctx.config;
  const ranked = rankStatements(run.statements, options.by).slice(0, options.limit);
  const flagged = run.statements.some((s) => s.slow || s.regression);
  const sections: Section[] = [
    { blocks: [{ kind: 'text', text: describeWindow(run) }, { kind: 'fields', fields: overviewFields(run) }] },
    {
      title: `Top ${ranked.length} by ${RANKING_LABEL[options.by]}`,
      blocks: ranked.length > 0 ? [statementsTable(ranked)] : [{ kind: 'text', text: 'No statement ran in this window.' }],
    },
    regressionsSection(run, 10),
    newStatementsSection(run, 10),
    slowSection(run, postgres, 10),
  ];
  const advice = adviceItems(ranked, { cacheHitPercent: postgres.cacheHitPercent }, options.limit);
  if (advice.length > 0) sections.push({ title: 'What to do', severity: flagged ? 'warning' : 'info', blocks: [{ kind: 'list', items: advice }] });
  const top = run.statements[0];
  const summary =
    top === undefined
      ? `No statements in the window (${formatSpan(run.window.requestedMs)}).`
      : `${formatMs(run.totals.totalMs)} of database time; the top statement took ${formatMs(top.totalMs)}: ${shortenQuery(top.text, top.queryid).slice(0, 80)}`;
  return {
    title: `Slow queries, last ${formatSpan(options.sinceMs)}`,
    severity: flagged ? 'warning' : 'ok',
    summary,
    sections,
    actions: explainActions(ranked),
    footnotes: auditFootnotes(run, ctx.config),
    generatedAt: ctx.now(),
  };
}

/** Buttons for the CinemataCMS shapes among the listed statements, then the weekly audit. */
export function explainActions(stats: StatementsAuditRun['statements']): ReportAction[] {
  const targets = [...new Set(stats.flatMap((s) => matchExplainTarget(s.text) ?? []))].slice(0, 3);
  return [
    ...targets.map((t): ReportAction => ({ id: `explain-${t}`, label: `Explain ${t}`, command: `explain ${t}` })),
    { id: 'query-audit', label: 'Weekly query audit', command: 'report query-audit' },
  ];
}
