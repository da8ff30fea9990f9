import type pg from 'pg';
import type { PgQuery } from '../../postgres/pg-client.js';
import { ENABLE_PG_STAT_STATEMENTS } from '../../postgres/pg-errors.js';
import type { DegradedCheck } from './detail.js';

/**
 * SQLSTATE prefixes that mean the session or server is gone or out of resources (connection exceptions, admin
 * shutdown, too many connections): the whole reading fails, not one check. 57014 (statement timeout) is not here.
 */
const FATAL_CLASSES = ['08', '57P', '53'];

/**
 * Runs one check inside a savepoint of the probe's read-only transaction. A server error that concerns only this
 * check (missing extension, missing grant, a statement timeout, a table this database does not have) rolls back
 * to the savepoint and is recorded in `degraded`, so the other checks still report. Connection failures and
 * bugs propagate: they are the probe's failure, not a degraded check.
 */
export async function runCheck<T>(
  query: PgQuery,
  check: string,
  degraded: DegradedCheck[],
  work: () => Promise<T>,
): Promise<T | undefined> {
  await query('SAVEPOINT cinemata_ops_check');
  try {
    const result = await work();
    await query('RELEASE SAVEPOINT cinemata_ops_check');
    return result;
  } catch (error) {
    if (!isCheckLocal(error)) throw error;
    await query('ROLLBACK TO SAVEPOINT cinemata_ops_check');
    degraded.push({ check, reason: explainCheckError(error) });
    return undefined;
  }
}

/** A server error carries a five-character SQLSTATE (checked by shape, so the driver need not be loaded here). */
function isCheckLocal(error: unknown): error is pg.DatabaseError {
  const code = (error as { code?: unknown } | null)?.code;
  if (!(error instanceof Error) || typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return false;
  return !FATAL_CLASSES.some((prefix) => code.startsWith(prefix));
}

function explainCheckError(error: pg.DatabaseError): string {
  switch (error.code) {
    case '42501':
      return `${error.message}: grant the bot's role pg_monitor and SELECT on the CinemataCMS tables`;
    case '57014':
      return 'cancelled at the statement timeout (postgres.statementTimeout)';
    case '55P03':
      return 'waited too long for a lock held by another session';
    case '55000':
    case '42P01':
    case '42883':
      if (/pg_stat_statements/.test(error.message)) return `pg_stat_statements is not available (${error.message}): ${ENABLE_PG_STAT_STATEMENTS}`;
      return error.message;
    default:
      return error.message;
  }
}
