import type pg from 'pg';
import type { Logger } from 'pino';
import { UserError } from '../errors.js';
import { describePgTarget, explainPgError } from './pg-errors.js';

/** Runs one parameterized statement and returns its rows. */
export type PgQuery = <Row extends object = Record<string, unknown>>(text: string, values?: readonly unknown[]) => Promise<Row[]>;

export interface PgClient {
  /** `host:port/database`, for messages. */
  target: string;
  /**
   * Runs `work` in `BEGIN READ ONLY` with `SET LOCAL statement_timeout`, then rolls back whatever happened, so a
   * diagnostic can never change the database or hold locks past its own run. Errors become a UserError
   * (`unavailable`) whose message says what failed and what to check.
   */
  readOnly<T>(work: (query: PgQuery) => Promise<T>, options?: { timeoutMs?: number | undefined }): Promise<T>;
  close(): Promise<void>;
}

export interface PgClientOptions {
  url: string;
  statementTimeoutMs: number;
  log: Logger;
  /** Pool size; diagnostics are few and short. Default 3. */
  max?: number | undefined;
  /** Default 5000 ms. */
  connectTimeoutMs?: number | undefined;
}

/** Shows up in pg_stat_activity, so operators (and the bot) can tell the bot's sessions apart. */
export const APPLICATION_NAME = 'cinemata-ops';

/**
 * Prefixed to every statement the bot sends. pg_stat_statements keeps the comment in its query text, so the bot
 * can leave its own statements out of audits and measure what its diagnostics cost the database.
 */
export const SQL_MARKER = '/* cinemata-ops */';

function isDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // A five-character SQLSTATE comes from the server; E… codes (ECONNREFUSED, ETIMEDOUT) from the network.
  if (typeof code === 'string' && (/^[0-9A-Z]{5}$/.test(code) || /^E[A-Z]+$/.test(code))) return true;
  return error instanceof Error && /connection|terminated|timeout exceeded/i.test(error.message);
}

export function createPgClient(options: PgClientOptions): PgClient {
  const target = describePgTarget(options.url);
  // The driver loads on first use, so a process that never queries (most one-shot commands) does not pay for it.
  let pool: Promise<pg.Pool> | undefined;
  const openPool = () =>
    (pool ??= import('pg').then(({ default: driver }) => {
      const created = new driver.Pool({
        connectionString: options.url,
        max: options.max ?? 3,
        connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
        idleTimeoutMillis: 30_000,
        application_name: APPLICATION_NAME,
      });
      // An idle client that loses its server (restart, failover) emits here; without a listener Node would crash.
      created.on('error', (error) => options.log.warn({ err: error, target }, 'idle PostgreSQL connection failed'));
      return created;
    }));

  return {
    target,
    async readOnly(work, readOptions = {}) {
      const timeoutMs = readOptions.timeoutMs ?? options.statementTimeoutMs;
      let client: pg.PoolClient | undefined;
      try {
        client = await (await openPool()).connect();
        await client.query(`${SQL_MARKER} BEGIN READ ONLY`);
        // SET cannot take bind parameters; the value is a validated integer from config, never user text.
        await client.query(`${SQL_MARKER} SET LOCAL statement_timeout = ${Math.round(timeoutMs)}`);
        await client.query(`${SQL_MARKER} SET LOCAL lock_timeout = ${Math.round(Math.min(timeoutMs, 2_000))}`);
        const active = client;
        const query: PgQuery = async (text, values) => (await active.query(`${SQL_MARKER} ${text}`, values as unknown[] | undefined)).rows;
        return await work(query);
      } catch (error) {
        // Only database and network failures are outages; a bug in `work` stays an internal error.
        if (!isDatabaseError(error)) throw error;
        throw new UserError('unavailable', explainPgError(error, target, timeoutMs), { cause: error });
      } finally {
        if (client) {
          const broken = await client.query(`${SQL_MARKER} ROLLBACK`).then(
            () => false,
            () => true,
          );
          client.release(broken);
        }
      }
    },
    close: async () => {
      if (pool) await (await pool).end();
    },
  };
}
