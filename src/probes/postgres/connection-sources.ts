import type { PgQuery } from '../../postgres/pg-client.js';
import { CLIENT_BACKEND } from './activity.js';
import { toNumber } from './sql-values.js';

/** Client backends grouped by where they come from, as `connections` lists them. */
export interface ConnectionSource {
  application: string;
  /** Client address, or `local` for a Unix socket. */
  client: string;
  user: string;
  database: string;
  total: number;
  active: number;
  idle: number;
  idleInTransaction: number;
  /** Age of the oldest connection of the group; null when hidden from the bot's role. */
  oldestSeconds: number | null;
}

/** Connections of the whole cluster by application, client address, user and database, most first. */
export async function readConnectionSources(query: PgQuery): Promise<ConnectionSource[]> {
  const rows = await query<{
    application: string;
    client: string;
    usename: string | null;
    datname: string | null;
    total: number;
    active: number;
    idle: number;
    idle_in_transaction: number;
    oldest_seconds: number | null;
  }>(
    `SELECT coalesce(nullif(application_name, ''), '(none)') AS application, coalesce(host(client_addr), 'local') AS client,
            usename, datname, count(*)::int AS total, count(*) FILTER (WHERE state = 'active')::int AS active,
            count(*) FILTER (WHERE state = 'idle')::int AS idle,
            count(*) FILTER (WHERE state LIKE 'idle in transaction%')::int AS idle_in_transaction,
            max(extract(epoch FROM clock_timestamp() - backend_start))::float8 AS oldest_seconds
       FROM pg_stat_activity WHERE ${CLIENT_BACKEND}
      GROUP BY 1, 2, 3, 4 ORDER BY total DESC, 1 LIMIT 30`,
  );
  return rows.map((r) => ({
    application: r.application,
    client: r.client,
    user: r.usename ?? '',
    database: r.datname ?? '',
    total: r.total,
    active: r.active,
    idle: r.idle,
    idleInTransaction: r.idle_in_transaction,
    oldestSeconds: r.oldest_seconds === null ? null : toNumber(r.oldest_seconds),
  }));
}
