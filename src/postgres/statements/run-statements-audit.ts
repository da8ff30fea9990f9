import { chooseWindow } from './audit-window.js';
import { loadSnapshot } from './snapshot-store.js';
import { auditStatements, type AuditThresholds, type StatementsAudit } from './statement-audit.js';
import type { StatementsReading } from './statement-reading.js';
import { collectStatements, type StatementsDeps } from './take-snapshot.js';

export interface AuditWindow {
  /** Epoch ms the figures start at: the start snapshot, the reset inside the window, or the last reset (null: unknown). */
  from: number | null;
  to: number;
  /** `snapshot`: a stored snapshot starts the window; `stats-reset`: none was old enough, so everything since the reset. */
  basis: 'snapshot' | 'stats-reset';
  /** What was asked for, e.g. 24 h. */
  requestedMs: number;
}

export interface StatementsAuditRun extends StatementsAudit {
  window: AuditWindow;
  /** The window regressions were measured against. */
  previous: { from: number; to: number } | undefined;
  /** Entries pg_stat_statements evicted in the window for lack of room (pg_stat_statements.max); null when unknown. */
  evicted: number | null;
  /** Other roles' statements pg_stat_statements hid from the bot (no pg_read_all_stats). */
  hidden: number;
  /** The fresh reading was kept as a snapshot. */
  recorded: boolean;
  snapshotCount: number;
}

export interface AuditOptions {
  lengthMs: number;
  thresholds: AuditThresholds;
  /** See CollectOptions.recordAfterMs. */
  recordAfterMs: number;
  timeoutMs?: number | undefined;
}

/** Reads pg_stat_statements now and audits the window of about `lengthMs` that ends now, from the stored snapshots. */
export async function runStatementsAudit(deps: StatementsDeps, options: AuditOptions): Promise<StatementsAuditRun> {
  const fresh = await collectStatements(deps, { recordAfterMs: options.recordAfterMs, timeoutMs: options.timeoutMs });
  const current = fresh.reading;
  const choice = chooseWindow(fresh.snapshots, current.at, options.lengthMs, current.dbid);
  const base = choice.base && loadSnapshot(deps.store, choice.base);
  const previous = base && choice.previous ? loadSnapshot(deps.store, choice.previous) : undefined;
  const audit = auditStatements({ current, base, previous, textOf: (id) => fresh.texts.get(id), thresholds: options.thresholds });
  const from = base === undefined || audit.resetInside ? current.statsReset : base.at;
  return {
    ...audit,
    window: { from, to: current.at, basis: base === undefined ? 'stats-reset' : 'snapshot', requestedMs: options.lengthMs },
    previous: base && previous ? { from: previous.at, to: base.at } : undefined,
    evicted: countEvicted(base, current, audit.resetInside),
    hidden: current.hidden ?? 0,
    recorded: fresh.recorded,
    snapshotCount: fresh.snapshots.length,
  };
}

/** pg_stat_statements_info.dealloc is cumulative since the last reset, like the counters. */
function countEvicted(base: StatementsReading | undefined, current: StatementsReading, resetInside: boolean): number | null {
  if (current.dealloc === null) return null;
  if (base === undefined || resetInside) return current.dealloc;
  return base.dealloc === null ? null : Math.max(0, current.dealloc - base.dealloc);
}
