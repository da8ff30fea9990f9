import type { StatementsAuditRun } from '../../postgres/statements/run-statements-audit.js';
import { REGRESSION_RATIO } from '../../postgres/statements/statement-audit.js';
import type { Section } from '../report.js';
import { formatCount, formatMs, formatSpan, shortenQuery } from './format.js';
import { flaggedSection } from './statement-sections.js';

/** Regressions: mean up ≥ 50 % against the previous window of about the same length. */
export function regressionsSection(run: StatementsAuditRun, limit: number): Section {
  const title = 'Regressions';
  if (run.previous === undefined) {
    const text = `Not checked: comparing this window with the one before it needs a snapshot from about ${formatSpan(2 * run.window.requestedMs)} ago.`;
    return { title, severity: 'info', blocks: [{ kind: 'text', text }] };
  }
  const regressed = run.statements.filter((s) => s.regression).sort((a, b) => (b.regression?.increasePercent ?? 0) - (a.regression?.increasePercent ?? 0));
  return flaggedSection(
    title,
    regressed,
    `No statement got ${Math.round((REGRESSION_RATIO - 1) * 100)}% slower than in the previous window (statements with at least ${run.regressionMinCalls} calls in both).`,
    limit,
    (s) => `mean ${formatMs(s.regression?.previousMeanMs ?? 0)} → ${formatMs(s.meanMs)} (+${(s.regression?.increasePercent ?? 0).toFixed(0)}%), ${formatCount(s.calls)} calls`,
  );
}

/** Statements first seen after the window's start snapshot: a deploy's new queries show up here. */
export function newStatementsSection(run: StatementsAuditRun, limit: number): Section {
  const title = 'New statements';
  if (run.window.basis === 'stats-reset' || run.resetInside) {
    return { title, severity: 'info', blocks: [{ kind: 'text', text: 'Not checked: there is no snapshot at the window start to compare with.' }] };
  }
  const fresh = run.statements.filter((s) => s.isNew);
  return flaggedSection(title, fresh, 'None: every statement in this window was already in pg_stat_statements at its start.', limit, (s) => `${formatCount(s.calls)} calls, ${formatMs(s.totalMs)} total, mean ${formatMs(s.meanMs)}`);
}

/** PgHero's slow rule, applied to the window rather than to everything since the last reset. */
export function slowSection(run: StatementsAuditRun, thresholds: { slowQueryMs: number; slowQueryCalls: number }, limit: number): Section {
  const slow = run.statements.filter((s) => s.slow);
  return flaggedSection(
    `Slow by PgHero's rule (mean ≥ ${thresholds.slowQueryMs} ms and ≥ ${formatCount(thresholds.slowQueryCalls)} calls)`,
    slow,
    'None in this window.',
    limit,
    (s) => `mean ${formatMs(s.meanMs)} over ${formatCount(s.calls)} calls, ${formatMs(s.totalMs)} total`,
  );
}

/** Statements that ran before the window and not in it, or that pg_stat_statements dropped. */
export function disappearedSection(run: StatementsAuditRun, limit: number): Section {
  const title = 'Statements that disappeared';
  if (run.window.basis === 'stats-reset') return { title, severity: 'info', blocks: [{ kind: 'text', text: 'Not checked: there is no snapshot at the window start to compare with.' }] };
  if (run.disappeared.length === 0) return { title, severity: 'ok', blocks: [{ kind: 'text', text: 'None.' }] };
  const shown = run.disappeared.slice(0, limit);
  return {
    title: `${title} (${run.disappeared.length})`,
    severity: 'info',
    blocks: [
      { kind: 'list', items: shown.map((s) => ({ text: shortenQuery(s.text, s.queryid) })) },
      ...(run.disappeared.length > shown.length ? [{ kind: 'text' as const, text: `…and ${run.disappeared.length - shown.length} more.` }] : []),
    ],
  };
}
