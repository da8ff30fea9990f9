import { APPLICATION_NAME, type PgQuery } from '../../postgres/pg-client.js';
import type { BlockedQuery, Blocker } from './detail.js';
import { cutQueryText, toNumber, toNumberOrNull } from './sql-values.js';

interface WaitingRow {
  pid: number;
  usename: string | null;
  application_name: string | null;
  query: string | null;
  wait_seconds: number | null;
  locktype: string | null;
  mode: string | null;
  relation: string | null;
  blockers: number[];
}

interface BlockerRow {
  pid: number;
  usename: string | null;
  application_name: string | null;
  state: string | null;
  query: string | null;
  xact_seconds: number | null;
  waiting: boolean;
}

/**
 * Sessions of this database waiting for a lock, each with the sessions that block it (pg_blocking_pids), longest
 * wait first. pg_locks.waitstart (PostgreSQL 14+) is read through to_jsonb so older servers fall back to the
 * statement's start. A row lock is a wait on the holder's transaction id; the table is named by the tuple lock
 * the waiter holds meanwhile.
 */
export async function readBlockedQueries(query: PgQuery): Promise<BlockedQuery[]> {
  const waiting = await query<WaitingRow>(
    `SELECT a.pid, a.usename, a.application_name, a.query,
            extract(epoch FROM clock_timestamp() - coalesce(w.waitstart, a.query_start))::float8 AS wait_seconds,
            w.locktype, w.mode, coalesce(w.relation, t.relation)::regclass::text AS relation,
            pg_blocking_pids(a.pid) AS blockers
       FROM pg_stat_activity a
       LEFT JOIN LATERAL (SELECT l.locktype, l.mode, l.relation, (to_jsonb(l) ->> 'waitstart')::timestamptz AS waitstart
                            FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted LIMIT 1) w ON true
       LEFT JOIN LATERAL (SELECT l.relation FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'tuple' LIMIT 1) t ON true
      WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.wait_event_type = 'Lock'
        AND coalesce(a.application_name, '') <> $1
      ORDER BY wait_seconds DESC NULLS LAST LIMIT 50`,
    [APPLICATION_NAME],
  );
  const blocked = waiting.filter((row) => row.blockers.length > 0);
  if (blocked.length === 0) return [];
  const blockerPids = [...new Set(blocked.flatMap((row) => row.blockers))];
  const blockerRows = await query<BlockerRow>(
    `SELECT pid, usename, application_name, state, query,
            extract(epoch FROM clock_timestamp() - xact_start)::float8 AS xact_seconds,
            coalesce(wait_event_type = 'Lock', false) AS waiting
       FROM pg_stat_activity WHERE pid = ANY($1::int[])`,
    [blockerPids],
  );
  const byPid = new Map(blockerRows.map((row) => [row.pid, row]));
  return blocked.map((row) => ({
    pid: row.pid,
    user: row.usename,
    application: row.application_name || null,
    query: cutQueryText(row.query),
    waitSeconds: toNumber(row.wait_seconds),
    waitingFor: row.locktype && row.mode ? { lockType: row.locktype, mode: row.mode, relation: row.relation } : null,
    blockers: row.blockers.map((pid) => toBlocker(pid, byPid.get(pid))),
  }));
}

function toBlocker(pid: number, row: BlockerRow | undefined): Blocker {
  // The blocker may have finished between the two statements; it is still named, with what is known.
  if (!row) return { pid, user: null, application: null, state: null, query: '(session ended)', transactionSeconds: null, waiting: false };
  return {
    pid,
    user: row.usename,
    application: row.application_name || null,
    state: row.state,
    query: cutQueryText(row.query),
    transactionSeconds: toNumberOrNull(row.xact_seconds),
    waiting: row.waiting,
  };
}
