import type { StatementsAuditRun } from '../../postgres/statements/run-statements-audit.js';
import type { StatementStat } from '../../postgres/statements/statement-stats.js';
import type { Block, Field, Section, TableRow } from '../report.js';
import { formatCount, formatMs, formatSpan, formatUtc, shortenQuery } from './format.js';
import { adviseStatement, type AdviceContext } from './statement-advice.js';

export const RANKINGS = ['total', 'mean', 'calls', 'rows', 'hit'] as const;
export type Ranking = (typeof RANKINGS)[number];

/** A hit ratio over a handful of blocks says nothing; rank by it only statements that touched this many. */
const MIN_BLOCKS_FOR_HIT_RANK = 100;

export function rankStatements(stats: readonly StatementStat[], by: Ranking): StatementStat[] {
  const key: Record<Ranking, (s: StatementStat) => number> = {
    total: (s) => -s.totalMs,
    mean: (s) => -s.meanMs,
    calls: (s) => -s.calls,
    rows: (s) => -s.rows,
    hit: (s) => s.hitPercent ?? 101,
  };
  const pool = by === 'hit' ? stats.filter((s) => s.hitPercent !== null && s.sharedHit + s.sharedRead >= MIN_BLOCKS_FOR_HIT_RANK) : stats;
  return [...pool].sort((a, b) => key[by](a) - key[by](b));
}

export function flagsOf(stat: StatementStat): string[] {
  const flags: string[] = [];
  if (stat.slow) flags.push('slow');
  if (stat.regression) flags.push(`regressed +${Number.isFinite(stat.regression.increasePercent) ? stat.regression.increasePercent.toFixed(0) : '∞'}%`);
  if (stat.isNew) flags.push('new');
  if (!stat.toplevel) flags.push('nested');
  return flags;
}

export function statementsTable(stats: readonly StatementStat[], caption?: string): Block {
  return {
    kind: 'table',
    caption,
    columns: [
      { label: '#', align: 'right' },
      { label: 'calls', align: 'right' },
      { label: 'total', align: 'right' },
      { label: 'mean', align: 'right' },
      { label: 'rows/call', align: 'right' },
      { label: 'hit %', align: 'right' },
      { label: 'flags' },
      { label: 'query' },
    ],
    rows: stats.map((s, i): TableRow => ({
      cells: [
        String(i + 1),
        formatCount(s.calls),
        formatMs(s.totalMs),
        formatMs(s.meanMs),
        s.rowsPerCall >= 10 ? formatCount(s.rowsPerCall) : s.rowsPerCall.toFixed(1),
        s.hitPercent === null ? '–' : s.hitPercent >= 99.95 ? '100' : s.hitPercent.toFixed(1),
        flagsOf(s).join(', '),
        shortenQuery(s.text, s.queryid),
      ],
      severity: s.slow || s.regression ? 'warning' : undefined,
    })),
  };
}

/** Where the figures start and end, and why, in words: the first thing a reader must know about an audit. */
export function describeWindow(run: StatementsAuditRun): string {
  const { window } = run;
  const asked = formatSpan(window.requestedMs);
  const to = formatUtc(window.to);
  if (window.basis === 'stats-reset') {
    const since = window.from === null ? 'an unknown time (pg_stat_statements before 1.9 does not record it)' : formatUtc(window.from);
    return `No snapshot is old enough yet for the last ${asked}: these figures cover everything since pg_stat_statements was last reset, ${since}, to ${to}.`;
  }
  if (run.resetInside) return `The statistics were reset inside the last ${asked}: these figures cover ${window.from === null ? 'the time since that reset' : formatUtc(window.from)} to ${to}.`;
  const actual = window.to - (window.from ?? window.to);
  const note = Math.abs(actual - window.requestedMs) > window.requestedMs * 0.05 ? ` (asked for ${asked}; the nearest snapshot gives ${formatSpan(actual)})` : '';
  return `Last ${formatSpan(actual)}: ${formatUtc(window.from ?? window.to)} to ${to}${note}.`;
}

export function overviewFields(run: StatementsAuditRun): Field[] {
  const share = run.totals.totalMs > 0 ? (100 * run.own.totalMs) / (run.totals.totalMs + run.own.totalMs) : 0;
  const fields: Field[] = [
    { label: 'statements', value: formatCount(run.totals.statements) },
    { label: 'calls', value: formatCount(run.totals.calls) },
    { label: 'database time', value: formatMs(run.totals.totalMs) },
    { label: "cinemata-ops' own queries", value: `${formatMs(run.own.totalMs)} in ${formatCount(run.own.calls)} calls (${share.toFixed(share < 1 ? 2 : 0)}%)` },
  ];
  if (run.evicted !== null && run.evicted > 0) {
    fields.push({ label: 'evicted entries', value: `${formatCount(run.evicted)} (raise pg_stat_statements.max)`, severity: 'warning' });
  }
  if (run.hidden > 0) {
    fields.push({ label: 'hidden statements', value: `${formatCount(run.hidden)} of other roles: GRANT pg_read_all_stats (or pg_monitor) to the bot's role to audit them`, severity: 'warning' });
  }
  if (run.restarted > 0) fields.push({ label: 'restarted entries', value: `${formatCount(run.restarted)} (counted from their restart)` });
  return fields;
}

export function adviceItems(stats: readonly StatementStat[], ctx: AdviceContext, limit: number): Array<{ text: string; severity?: 'warning' | 'info' }> {
  const items: Array<{ text: string; severity?: 'warning' | 'info' }> = [];
  stats.slice(0, limit).forEach((s, i) => {
    for (const advice of adviseStatement(s, ctx)) items.push({ text: `#${i + 1}: ${advice}`, severity: s.slow || s.regression ? 'warning' : 'info' });
  });
  return items;
}

/** A list of flagged statements (regressions, new, slow) with their figures, or a line saying there are none. */
export function flaggedSection(title: string, stats: readonly StatementStat[], none: string, limit: number, describe: (s: StatementStat) => string): Section {
  if (stats.length === 0) return { title, severity: 'ok', blocks: [{ kind: 'text', text: none }] };
  const shown = stats.slice(0, limit);
  const blocks: Block[] = [{ kind: 'list', items: shown.map((s) => ({ text: `${describe(s)}: ${shortenQuery(s.text, s.queryid)}`, severity: s.slow || s.regression ? 'warning' : 'info' })) }];
  if (stats.length > shown.length) blocks.push({ kind: 'text', text: `…and ${stats.length - shown.length} more.` });
  return { title: `${title} (${stats.length})`, severity: shown.some((s) => s.slow || s.regression) ? 'warning' : 'info', blocks };
}
