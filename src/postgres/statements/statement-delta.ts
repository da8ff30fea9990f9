import type { StatementCounters, StatementsReading } from './statement-reading.js';

/** What happened between two readings of pg_stat_statements. */
export interface StatementsDelta {
  /** key → counters accumulated between the readings; only statements called in between. */
  byKey: Map<string, StatementCounters>;
  /** pg_stat_statements_info.stats_reset moved: every counter restarted inside the window. */
  resetInside: boolean;
  /** Entries whose counters went down without a global reset (a per-statement reset, or evicted and re-created). */
  restarted: number;
}

const COUNTER_FIELDS = ['calls', 'execMs', 'planMs', 'rows', 'sharedHit', 'sharedRead', 'tempWritten'] as const;
/** Snapshots keep times to the microsecond, so a stored time may round up past a fresh reading of the same entry. */
const TOLERANCE: Record<(typeof COUNTER_FIELDS)[number], number> = { calls: 0, execMs: 0.001, planMs: 0.001, rows: 0, sharedHit: 0, sharedRead: 0, tempWritten: 0 };

/**
 * Counters accumulated from `base` to `current`. Without a base (no snapshot old enough), everything since the
 * statistics were reset. Never negative: where a counter went down, the entry restarted inside the window and its
 * current value is what it accumulated since, which is the best lower bound there is.
 */
export function diffReadings(base: StatementsReading | undefined, current: StatementsReading): StatementsDelta {
  const resetInside = base !== undefined && base.statsReset !== null && current.statsReset !== null && base.statsReset !== current.statsReset;
  const before = resetInside || base === undefined ? undefined : new Map(base.entries.map((e) => [e.key, e]));
  const byKey = new Map<string, StatementCounters>();
  let restarted = 0;
  for (const now of current.entries) {
    const then = before?.get(now.key);
    let delta = now;
    if (then !== undefined) {
      if (COUNTER_FIELDS.some((field) => now[field] < then[field] - TOLERANCE[field])) restarted++;
      else delta = subtract(now, then);
    }
    if (delta.calls > 0) byKey.set(now.key, delta);
  }
  return { byKey, resetInside, restarted };
}

function subtract(now: StatementCounters, then: StatementCounters): StatementCounters {
  const out = { ...now };
  for (const field of COUNTER_FIELDS) out[field] = Math.max(0, now[field] - then[field]);
  return out;
}
