import { APPLICATION_NAME, type PgQuery } from '../../postgres/pg-client.js';
import type { ConnectionSummary, SessionInfo } from './detail.js';
import { cutQueryText, toNumber, toNumberOrNull, toText } from './sql-values.js';

/** What pg_stat_activity shows in place of another role's query without pg_read_all_stats. */
export const HIDDEN_QUERY = '<insufficient privilege>';

/**
 * Client sessions. Without pg_read_all_stats, another role's session hides its backend_type too (and its state and
 * query); it still shows its database, which background processes other than autovacuum workers do not have.
 */
export const CLIENT_BACKEND = `(backend_type = 'client backend' OR (backend_type IS NULL AND datname IS NOT NULL))`;

/** Always reported, even at 0, so their series do not vanish from /metrics when a state empties. */
export const CONNECTION_STATES = ['active', 'idle', 'idle in transaction', 'idle in transaction (aborted)', 'fastpath function call', 'disabled'] as const;

/** Client backends of the whole cluster by state: max_connections is a cluster-wide limit. */
export async function readConnections(query: PgQuery): Promise<ConnectionSummary> {
  const [settings] = await query<{ max: number; reserved: number }>(
    `SELECT current_setting('max_connections')::int AS max, current_setting('superuser_reserved_connections')::int AS reserved`,
  );
  const rows = await query<{ state: string; count: number; hidden: number }>(
    `SELECT coalesce(state, 'unknown') AS state, count(*)::int AS count, count(*) FILTER (WHERE query = $1)::int AS hidden
       FROM pg_stat_activity WHERE ${CLIENT_BACKEND} GROUP BY 1`,
    [HIDDEN_QUERY],
  );
  const byState: Record<string, number> = Object.fromEntries(CONNECTION_STATES.map((s) => [s, 0]));
  let total = 0;
  let hidden = 0;
  for (const row of rows) {
    byState[row.state] = row.count;
    total += row.count;
    hidden += row.hidden;
  }
  const max = settings?.max ?? 0;
  return { byState, total, max, reserved: settings?.reserved ?? 0, usedPercent: max > 0 ? (100 * total) / max : 0, hidden };
}

interface ActivityRow {
  pid: number;
  usename: string | null;
  application_name: string | null;
  client_addr: string | null;
  state: string | null;
  query: string | null;
  wait_event: string | null;
  query_seconds: number | null;
  state_seconds: number | null;
  xact_seconds: number | null;
}

// Other sessions of this database only: the bot's own (its pool and this very session) are never findings.
const OTHER_SESSIONS = `datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
  AND coalesce(application_name, '') <> $1`;

const SESSION_COLUMNS = `pid, usename, application_name, host(client_addr) AS client_addr, state, query,
  CASE WHEN wait_event IS NULL THEN NULL ELSE wait_event_type || ':' || wait_event END AS wait_event,
  extract(epoch FROM clock_timestamp() - query_start)::float8 AS query_seconds,
  extract(epoch FROM clock_timestamp() - state_change)::float8 AS state_seconds,
  extract(epoch FROM clock_timestamp() - xact_start)::float8 AS xact_seconds`;

function toSession(row: ActivityRow, duration: number | null): SessionInfo {
  return {
    pid: row.pid,
    user: row.usename,
    application: row.application_name || null,
    clientAddress: toText(row.client_addr),
    state: row.state,
    query: cutQueryText(row.query),
    durationSeconds: toNumber(duration),
    transactionSeconds: toNumberOrNull(row.xact_seconds),
    waitEvent: row.wait_event,
  };
}

/** Statements of other sessions running for at least `longQueryMs`, longest first. */
export async function readLongQueries(query: PgQuery, longQueryMs: number): Promise<SessionInfo[]> {
  const rows = await query<ActivityRow>(
    `SELECT ${SESSION_COLUMNS} FROM pg_stat_activity
      WHERE ${OTHER_SESSIONS} AND state IN ('active', 'fastpath function call')
        AND clock_timestamp() - query_start >= $2 * interval '1 millisecond'
      ORDER BY query_start LIMIT 50`,
    [APPLICATION_NAME, longQueryMs],
  );
  return rows.map((row) => toSession(row, row.query_seconds));
}

/** Sessions sitting idle inside an open transaction (they hold locks and keep vacuum from cleaning), longest idle first. */
export async function readIdleInTransaction(query: PgQuery): Promise<SessionInfo[]> {
  const rows = await query<ActivityRow>(
    `SELECT ${SESSION_COLUMNS} FROM pg_stat_activity
      WHERE ${OTHER_SESSIONS} AND state LIKE 'idle in transaction%'
      ORDER BY state_change LIMIT 50`,
    [APPLICATION_NAME],
  );
  return rows.map((row) => toSession(row, row.state_seconds));
}

/** Age of the oldest open transaction of another session in this database, in seconds; null when none is open. */
export async function readOldestTransaction(query: PgQuery): Promise<number | null> {
  const [row] = await query<{ seconds: number | null }>(
    `SELECT max(extract(epoch FROM clock_timestamp() - xact_start))::float8 AS seconds FROM pg_stat_activity
      WHERE ${OTHER_SESSIONS} AND xact_start IS NOT NULL`,
    [APPLICATION_NAME],
  );
  return toNumberOrNull(row?.seconds);
}
