import type { Store } from '../../store/store.js';
import type { PgClient } from '../pg-client.js';
import { readStatements } from './read-statements.js';
import { bucketOf, DEFAULT_RETENTION, type RetentionPolicy } from './snapshot-retention.js';
import { listSnapshots, saveSnapshot, type SnapshotMeta } from './snapshot-store.js';
import type { StatementsReading } from './statement-reading.js';
import { openTextBook, type TextBook } from './text-book.js';

export interface StatementsDeps {
  postgres: PgClient;
  store: Store;
  now(): number;
}

export interface FreshStatements {
  reading: StatementsReading;
  texts: TextBook;
  /** The kept snapshots after this reading, oldest first (it may be among them). */
  snapshots: SnapshotMeta[];
  /** Whether this reading was kept as a snapshot. */
  recorded: boolean;
}

export interface CollectOptions {
  /**
   * Keep the reading as a snapshot when the newest snapshot is at least this old (ms). Commands pass
   * postgres.snapshotInterval, so audits build their history even before a schedule takes snapshots;
   * `takeStatementsSnapshot` passes 0.
   */
  recordAfterMs: number;
  policy?: RetentionPolicy | undefined;
  timeoutMs?: number | undefined;
}

/** A fresh reading of pg_stat_statements with its texts, kept as a snapshot when one is due. */
export async function collectStatements(deps: StatementsDeps, options: CollectOptions): Promise<FreshStatements> {
  const policy = options.policy ?? DEFAULT_RETENTION;
  const texts = openTextBook(deps.store);
  const { reading, texts: fetched } = await readStatements(deps.postgres, { now: deps.now(), hasText: (id) => texts.has(id), timeoutMs: options.timeoutMs });
  texts.add(fetched, reading.at);
  let snapshots = listSnapshots(deps.store);
  const newest = snapshots.at(-1);
  const due = newest === undefined || (reading.at - newest.at >= options.recordAfterMs && bucketOf(newest.at, reading.at, policy) !== bucketOf(reading.at, reading.at, policy));
  if (due) {
    snapshots = saveSnapshot(deps.store, reading, policy);
    texts.markSeen(reading.entries.map((e) => e.queryid), reading.at);
  }
  texts.save(snapshots[0]?.at);
  return { reading, texts, snapshots, recorded: snapshots.some((s) => s.at === reading.at) };
}

/**
 * What the snapshot schedule runs every postgres.snapshotInterval: reads pg_stat_statements and keeps the reading
 * (one per hour for 48 h, one per day for 35 days). A second call within the same hour reads nothing.
 */
export async function takeStatementsSnapshot(
  deps: StatementsDeps,
  options: { policy?: RetentionPolicy | undefined; timeoutMs?: number | undefined } = {},
): Promise<{ recorded: boolean; at: number; entries: number; snapshots: number }> {
  const policy = options.policy ?? DEFAULT_RETENTION;
  const now = deps.now();
  const existing = listSnapshots(deps.store);
  const newest = existing.at(-1);
  if (newest !== undefined && bucketOf(newest.at, now, policy) === bucketOf(now, now, policy)) {
    return { recorded: false, at: newest.at, entries: newest.count, snapshots: existing.length };
  }
  const fresh = await collectStatements(deps, { recordAfterMs: 0, policy, timeoutMs: options.timeoutMs });
  return { recorded: fresh.recorded, at: fresh.reading.at, entries: fresh.reading.entries.length, snapshots: fresh.snapshots.length };
}
