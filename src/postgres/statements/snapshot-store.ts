import type { Json, Store } from '../../store/store.js';
import { DEFAULT_RETENTION, selectRetained, type RetentionPolicy } from './snapshot-retention.js';
import { statementKey, type StatementCounters, type StatementsReading } from './statement-reading.js';

/**
 * pg_stat_statements snapshots in the store's key/value state: an index, one key per snapshot (so an audit parses
 * only the two or three it diffs), and the query texts once, in a separate key (a statement keeps its text across
 * hundreds of snapshots).
 */
const INDEX_KEY = 'postgres.statements.index';
const snapshotKey = (at: number): string => `postgres.statements.snapshot.${at}`;

export interface SnapshotMeta {
  at: number;
  dbid: number;
  statsReset: number | null;
  dealloc: number | null;
  /** Entries in the snapshot. */
  count: number;
}

/** userid, queryid, toplevel (0/1), calls, exec ms, plan ms, rows, shared hit, shared read, temp written. */
type StoredRow = [number, string, number, number, number, number, number, number, number, number];

export function listSnapshots(store: Store): SnapshotMeta[] {
  return store.getState<{ snapshots: SnapshotMeta[] } & Json>(INDEX_KEY)?.snapshots ?? [];
}

export function loadSnapshot(store: Store, meta: SnapshotMeta): StatementsReading | undefined {
  const rows = store.getState<StoredRow[]>(snapshotKey(meta.at));
  if (rows === undefined) return undefined;
  return { at: meta.at, dbid: meta.dbid, statsReset: meta.statsReset, dealloc: meta.dealloc, entries: rows.map(fromRow) };
}

/** Saves a reading as a snapshot, then drops what the retention policy no longer keeps. Returns the index. */
export function saveSnapshot(store: Store, reading: StatementsReading, policy: RetentionPolicy = DEFAULT_RETENTION): SnapshotMeta[] {
  const existing = listSnapshots(store).filter((s) => s.at !== reading.at);
  const meta: SnapshotMeta = { at: reading.at, dbid: reading.dbid, statsReset: reading.statsReset, dealloc: reading.dealloc, count: reading.entries.length };
  const { keep, drop } = selectRetained([...existing, meta], reading.at, policy);
  if (keep.includes(meta)) store.setState(snapshotKey(meta.at), reading.entries.map(toRow));
  for (const old of drop) store.deleteState(snapshotKey(old.at));
  store.setState(INDEX_KEY, { snapshots: keep as unknown as Json });
  return keep;
}

// Microsecond precision is plenty for times and keeps a 5,000-statement snapshot near 400 kB of JSON.
const round3 = (n: number): number => Math.round(n * 1000) / 1000;

function toRow(c: StatementCounters): StoredRow {
  return [c.userid, c.queryid, c.toplevel ? 1 : 0, c.calls, round3(c.execMs), round3(c.planMs), c.rows, c.sharedHit, c.sharedRead, c.tempWritten];
}

function fromRow([userid, queryid, toplevel, calls, execMs, planMs, rows, sharedHit, sharedRead, tempWritten]: StoredRow): StatementCounters {
  return { key: statementKey(userid, queryid, toplevel === 1), userid, queryid, toplevel: toplevel === 1, calls, execMs, planMs, rows, sharedHit, sharedRead, tempWritten };
}
