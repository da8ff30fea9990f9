import type { PgQuery } from '../../postgres/pg-client.js';

/** One lock a session holds or waits for, as `locks` lists it. */
export interface SessionLock {
  pid: number;
  lockType: string;
  mode: string;
  granted: boolean;
  /** The table, or `transaction <xid>` for a transaction ID lock; null for other kinds. */
  target: string | null;
}

/**
 * The locks of the given sessions in this database, waits first. Index locks and virtual transaction IDs are left
 * out: an UPDATE takes a lock on every index of its table, and listing forty of them hides the one that matters.
 */
export async function readSessionLocks(query: PgQuery, pids: readonly number[]): Promise<SessionLock[]> {
  if (pids.length === 0) return [];
  const rows = await query<{ pid: number; locktype: string; mode: string; granted: boolean; target: string | null }>(
    `SELECT l.pid, l.locktype, l.mode, l.granted,
            coalesce(l.relation::regclass::text, CASE WHEN l.locktype = 'transactionid' THEN 'transaction ' || l.transactionid::text END) AS target
       FROM pg_locks l LEFT JOIN pg_class c ON c.oid = l.relation
      WHERE l.pid = ANY($1::int[]) AND l.locktype <> 'virtualxid'
        AND (l.database IS NULL OR l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))
        AND (l.locktype <> 'relation' OR c.relkind IN ('r', 'p', 'm', 'v'))
      ORDER BY l.granted, l.pid, l.locktype LIMIT 200`,
    [pids],
  );
  return rows.map((r) => ({ pid: r.pid, lockType: r.locktype, mode: r.mode, granted: r.granted, target: r.target }));
}
