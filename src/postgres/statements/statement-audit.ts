import { diffReadings } from './statement-delta.js';
import type { StatementsReading } from './statement-reading.js';
import { describeCounters, isOwnStatement, type Regression, type StatementStat } from './statement-stats.js';

export interface AuditThresholds {
  /** PgHero's slow rule, from postgres.slowQueryMs / slowQueryCalls. */
  slowQueryMs: number;
  slowQueryCalls: number;
}

/** A mean this much above the previous window's is a regression. */
export const REGRESSION_RATIO = 1.5;
/** Below this absolute increase a "regression" is noise: 0.02 → 0.04 ms is +100 % and nobody's problem. */
export const REGRESSION_MIN_INCREASE_MS = 1;

export interface AuditInput {
  current: StatementsReading;
  /** The window's start; undefined means "since the statistics were reset". */
  base: StatementsReading | undefined;
  /** The previous window's start, for regressions. */
  previous: StatementsReading | undefined;
  textOf(queryid: string): string | undefined;
  thresholds: AuditThresholds;
}

export interface StatementsAudit {
  /** Every statement called in the window except the bot's own, by total time, highest first. */
  statements: StatementStat[];
  /** The bot's own top-level statements (SQL_MARKER): what its diagnostics cost the database in this window. */
  own: { statements: number; calls: number; totalMs: number };
  /** Everyone else's top-level statements (nested ones are inside their callers' time). */
  totals: { statements: number; calls: number; totalMs: number };
  /** pg_stat_statements_info.stats_reset moved inside the window: figures cover the time since then. */
  resetInside: boolean;
  /** Entries whose counters restarted (evicted and re-created, or reset one by one). */
  restarted: number;
  /** At least this many calls in both windows before a regression counts (slowQueryCalls / 10, min 1). */
  regressionMinCalls: number;
  /** Statements in the window's start snapshot that pg_stat_statements no longer has, or that ran in the previous window only. */
  disappeared: Array<{ queryid: string; text: string | undefined }>;
}

/** Turns two or three readings into the audit of the window between them. Pure: no I/O. */
export function auditStatements(input: AuditInput): StatementsAudit {
  const delta = diffReadings(input.base, input.current);
  const before = input.previous && input.base ? diffReadings(input.previous, input.base) : undefined;
  const inBase = new Set(input.base?.entries.map((e) => e.key));
  const minCalls = Math.max(1, Math.round(input.thresholds.slowQueryCalls / 10));
  const statements: StatementStat[] = [];
  const own = { statements: 0, calls: 0, totalMs: 0 };
  const totals = { statements: 0, calls: 0, totalMs: 0 };
  for (const counters of delta.byKey.values()) {
    const described = describeCounters(counters, input.textOf(counters.queryid));
    const sum = isOwnStatement(described.text) ? own : totals;
    // With pg_stat_statements.track = all a nested statement's time is also in its caller's: count it once.
    if (counters.toplevel) {
      sum.statements++;
      sum.calls += described.calls;
      sum.totalMs += described.totalMs;
    }
    if (sum === own) continue;
    const earlier = before?.byKey.get(counters.key);
    statements.push({
      ...described,
      isNew: input.base !== undefined && !delta.resetInside && !inBase.has(counters.key),
      regression: earlier && !before?.resetInside ? detectRegression(described.meanMs, described.calls, earlier, minCalls) : undefined,
      slow: described.meanMs >= input.thresholds.slowQueryMs && described.calls >= input.thresholds.slowQueryCalls,
    });
  }
  statements.sort((a, b) => b.totalMs - a.totalMs);
  return { statements, own, totals, resetInside: delta.resetInside, restarted: delta.restarted, regressionMinCalls: minCalls, disappeared: findDisappeared(input, delta.byKey, before?.byKey) };
}

function detectRegression(meanMs: number, calls: number, earlier: { calls: number; execMs: number; planMs: number }, minCalls: number): Regression | undefined {
  if (calls < minCalls || earlier.calls < minCalls) return undefined;
  const previousMeanMs = (earlier.execMs + earlier.planMs) / earlier.calls;
  if (meanMs < previousMeanMs * REGRESSION_RATIO || meanMs - previousMeanMs < REGRESSION_MIN_INCREASE_MS) return undefined;
  return { previousMeanMs, previousCalls: earlier.calls, increasePercent: previousMeanMs > 0 ? (100 * (meanMs - previousMeanMs)) / previousMeanMs : Infinity };
}

function findDisappeared(input: AuditInput, now: ReadonlyMap<string, unknown>, before: ReadonlyMap<string, { queryid: string }> | undefined): StatementsAudit['disappeared'] {
  if (input.base === undefined) return [];
  const present = new Set(input.current.entries.map((e) => e.key));
  const gone = new Set<string>();
  // After a global reset everything vanished at once; that says nothing about the statements themselves.
  const reset = input.base.statsReset !== null && input.base.statsReset !== input.current.statsReset;
  if (!reset) for (const e of input.base.entries) if (!present.has(e.key)) gone.add(e.queryid);
  for (const [key, e] of before ?? []) if (!now.has(key)) gone.add(e.queryid);
  return [...gone].map((queryid) => ({ queryid, text: input.textOf(queryid) })).filter((s) => !isOwnStatement(s.text));
}
