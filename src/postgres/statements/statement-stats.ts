import { SQL_MARKER } from '../pg-client.js';
import type { StatementCounters } from './statement-reading.js';

/** One statement's activity within an audit window, with the derived figures people read. Times in ms. */
export interface StatementStat {
  key: string;
  queryid: string;
  userid: number;
  toplevel: boolean;
  /** Undefined when pg_stat_statements hid it (another role's statement without pg_read_all_stats) or it was pruned. */
  text: string | undefined;
  calls: number;
  /** Execution plus planning, as PgHero counts it. */
  totalMs: number;
  meanMs: number;
  rows: number;
  rowsPerCall: number;
  /** Shared-buffer hits as a % of blocks touched; null when it touched none. */
  hitPercent: number | null;
  sharedHit: number;
  sharedRead: number;
  tempWritten: number;
  /** First seen after the window's start snapshot. */
  isNew: boolean;
  regression: Regression | undefined;
  /** PgHero's rule: mean ≥ slowQueryMs and calls ≥ slowQueryCalls. */
  slow: boolean;
}

export interface Regression {
  previousMeanMs: number;
  previousCalls: number;
  /** e.g. 120 for "mean 2.2× the previous window's". */
  increasePercent: number;
}

/** The bot's own statements carry the marker; pg_stat_statements keeps it as the text's first characters. */
export function isOwnStatement(text: string | undefined): boolean {
  if (text === undefined) return false;
  const trimmed = text.trim();
  return trimmed.startsWith(SQL_MARKER);
}

export function describeCounters(delta: StatementCounters, text: string | undefined): Omit<StatementStat, 'isNew' | 'regression' | 'slow'> {
  const totalMs = delta.execMs + delta.planMs;
  const blocks = delta.sharedHit + delta.sharedRead;
  return {
    key: delta.key,
    queryid: delta.queryid,
    userid: delta.userid,
    toplevel: delta.toplevel,
    text,
    calls: delta.calls,
    totalMs,
    meanMs: delta.calls > 0 ? totalMs / delta.calls : 0,
    rows: delta.rows,
    rowsPerCall: delta.calls > 0 ? delta.rows / delta.calls : 0,
    hitPercent: blocks > 0 ? (100 * delta.sharedHit) / blocks : null,
    sharedHit: delta.sharedHit,
    sharedRead: delta.sharedRead,
    tempWritten: delta.tempWritten,
  };
}
