import { formatDuration } from '../config/duration.js';

/** What the pg driver and Node put on connection and server errors. */
interface PgLikeError {
  code?: string | undefined;
  message?: string | undefined;
  errno?: number | undefined;
}

export const ENABLE_PG_STAT_STATEMENTS =
  "add pg_stat_statements to shared_preload_libraries in postgresql.conf (ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'), restart PostgreSQL, then run CREATE EXTENSION pg_stat_statements; in the CinemataCMS database";

/**
 * Turns a driver or server error into one line an operator can act on: what failed, where, and what to check.
 * `target` is `host:port/database` (never the password).
 */
export function explainPgError(error: unknown, target: string, timeoutMs: number): string {
  const e = (error ?? {}) as PgLikeError;
  const message = e.message ?? String(error);
  switch (e.code) {
    case 'ECONNREFUSED':
      return `cannot reach PostgreSQL at ${target}: connection refused (is the server running, and is CINEMATA_DATABASE_URL right?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot reach PostgreSQL at ${target}: the host name does not resolve`;
    case 'ETIMEDOUT':
    case 'ECONNRESET':
      return `cannot reach PostgreSQL at ${target}: ${e.code === 'ETIMEDOUT' ? 'the connection timed out' : 'the connection was reset'}`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${target} refused the login: ${message}`;
    case '3D000':
      return `PostgreSQL at ${target}: ${message}`;
    case '42501':
      return `PostgreSQL at ${target}: ${message}; grant the bot's role pg_monitor and SELECT on the CinemataCMS tables (README, "Least-privilege role")`;
    case '57014':
      return `PostgreSQL at ${target}: the query ran past the ${formatDuration(timeoutMs)} statement timeout and was cancelled`;
    case '25006':
      return `PostgreSQL at ${target}: refused to write; the bot only reads`;
    case '55000':
      if (/pg_stat_statements/.test(message)) return `pg_stat_statements is not loaded at ${target}: ${ENABLE_PG_STAT_STATEMENTS}`;
      return `PostgreSQL at ${target}: ${message}`;
    case '42P01':
    case '42883':
      if (/pg_stat_statements/.test(message)) return `pg_stat_statements is not installed in ${target}: ${ENABLE_PG_STAT_STATEMENTS}`;
      return `PostgreSQL at ${target}: ${message}`;
    case '53300':
      return `PostgreSQL at ${target} has no free connection slots (too many clients already)`;
    case '57P01':
    case '57P03':
      return `PostgreSQL at ${target} is shutting down or starting up: ${message}`;
    default:
      if (/timeout exceeded when trying to connect|Connection terminated due to connection timeout/i.test(message)) {
        return `cannot reach PostgreSQL at ${target}: no answer within the connection timeout`;
      }
      return `PostgreSQL at ${target}: ${message}`;
  }
}

/** `host:port/database` of a connection URL, for messages. */
export function describePgTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return 'the configured database';
  }
}
