import type { Config } from '../../config/load-config.js';
import type { StatementsAuditRun } from '../../postgres/statements/run-statements-audit.js';
import type { Report, Section } from '../report.js';
import { disappearedSection, newStatementsSection } from './flag-sections.js';
import { formatCount, formatMs } from './format.js';
import { auditFootnotes, auditRecentStatements, type ReportContext } from './run-audit.js';
import { describeWindow, overviewFields, rankStatements, statementsTable } from './statement-sections.js';

export const MONTH_MS = 30 * 86_400_000;
const TOP = 15;

/**
 * `query-log-audit`, monthly: the last 30 days from the daily snapshots, statements by total time and by calls,
 * what the bot's own diagnostics cost, and the statements that appeared or disappeared.
 */
export async function buildQueryLogAuditReport(ctx: ReportContext): Promise<Report> {
  return renderQueryLogAuditReport(await auditRecentStatements(ctx, MONTH_MS), ctx.config, ctx.now());
}

/** The report for an audit that has already run: pure, so renderers and golden files can use it directly. */
export function renderQueryLogAuditReport(run: StatementsAuditRun, config: Config, now: number): Report {
  const byTotal = run.statements.slice(0, TOP);
  const byCalls = rankStatements(run.statements, 'calls').slice(0, 10);
  const appeared = newStatementsSection(run, 20);
  const ownShare = run.totals.totalMs + run.own.totalMs > 0 ? (100 * run.own.totalMs) / (run.totals.totalMs + run.own.totalMs) : 0;
  const sections: Section[] = [
    { blocks: [{ kind: 'text', text: describeWindow(run) }, { kind: 'fields', fields: overviewFields(run) }] },
    { title: `Top ${byTotal.length} by total time`, blocks: byTotal.length > 0 ? [statementsTable(byTotal)] : [{ kind: 'text', text: 'No statement ran in this window.' }] },
    { title: `Top ${byCalls.length} by calls`, blocks: byCalls.length > 0 ? [statementsTable(byCalls)] : [{ kind: 'text', text: 'No statement ran in this window.' }] },
    {
      title: "cinemata-ops' own cost",
      severity: ownShare >= 1 ? 'warning' : 'ok',
      blocks: [
        {
          kind: 'text',
          text: `${formatCount(run.own.calls)} calls in ${formatCount(run.own.statements)} statements took ${formatMs(run.own.totalMs)}, ${ownShare.toFixed(2)}% of the database time in the window${ownShare >= 1 ? ': more than 1%, consider a longer sampling interval' : ''}.`,
        },
      ],
    },
    { ...appeared, title: appeared.title?.replace('New statements', 'Statements that appeared') },
    disappearedSection(run, 20),
  ];
  return {
    title: 'Monthly query log audit',
    severity: ownShare >= 1 ? 'warning' : 'info',
    summary: `${formatMs(run.totals.totalMs)} of database time in ${formatCount(run.totals.statements)} statements over the window; the bot's own queries took ${formatMs(run.own.totalMs)}.`,
    sections,
    footnotes: auditFootnotes(run, config),
    generatedAt: now,
  };
}
