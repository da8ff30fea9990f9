import { UserError } from '../../errors.js';
import type { PgClient, PgQuery } from '../pg-client.js';
import { ENABLE_PG_STAT_STATEMENTS } from '../pg-errors.js';
import { statementKey, type StatementCounters, type StatementsReading } from './statement-reading.js';

/** Longer texts are cut: a report shows ~200 characters, and the store keeps every text it has seen. */
export const MAX_TEXT_CHARS = 1_000;

interface Extension {
  /** Quoted schema name, e.g. `"public"`. */
  schema: string;
  version: readonly number[];
}

interface CounterRow {
  userid: string;
  /** Null for another role's statement when the bot's role lacks pg_read_all_stats. */
  queryid: string | null;
  toplevel: boolean;
  calls: number;
  exec_ms: number;
  plan_ms: number;
  rows: number;
  hit: number;
  read: number;
  temp_written: number;
}

export interface ReadStatementsOptions {
  now: number;
  /** Texts are fetched only for queryids this says are unknown, so a routine reading moves counters, not SQL text. */
  hasText(queryid: string): boolean;
  timeoutMs?: number | undefined;
}

export interface StatementsRead {
  reading: StatementsReading;
  /** queryid → text (at most MAX_TEXT_CHARS) for the queryids that were unknown. */
  texts: Map<string, string>;
}

const CURRENT_DB = '(SELECT oid FROM pg_database WHERE datname = current_database())';

/**
 * Reads pg_stat_statements for the current database in one read-only transaction. Throws a UserError
 * (`unavailable`) that says how to enable the extension when it is missing, not loaded, or too old.
 */
export async function readStatements(pg: PgClient, options: ReadStatementsOptions): Promise<StatementsRead> {
  const outcome = await pg.readOnly(async (query): Promise<Outcome> => {
    const extension = await locateExtension(query);
    if (extension === undefined) return { kind: 'missing' };
    if (isOlder(extension.version, [1, 8])) return { kind: 'old', version: extension.version.join('.') };
    const reading = await readCounters(query, extension, options.now);
    const unknown = [...new Set(reading.entries.map((e) => e.queryid))].filter((id) => !options.hasText(id));
    return { kind: 'read', read: { reading, texts: await readTexts(query, extension, unknown) } };
  }, { timeoutMs: options.timeoutMs });
  // Thrown outside readOnly, which turns only database failures into messages.
  switch (outcome.kind) {
    case 'missing':
      throw new UserError('unavailable', `pg_stat_statements is not installed in ${pg.target}: ${ENABLE_PG_STAT_STATEMENTS}`);
    case 'old':
      throw new UserError('unavailable', `pg_stat_statements ${outcome.version} in ${pg.target} predates the PostgreSQL 13 columns (total_exec_time)`, {
        hint: 'run ALTER EXTENSION pg_stat_statements UPDATE; in the CinemataCMS database',
      });
    case 'read':
      return outcome.read;
  }
}

type Outcome = { kind: 'missing' } | { kind: 'old'; version: string } | { kind: 'read'; read: StatementsRead };

async function locateExtension(query: PgQuery): Promise<Extension | undefined> {
  const rows = await query<{ schema: string; version: string }>(
    `SELECT quote_ident(n.nspname) AS schema, e.extversion AS version
       FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = $1`,
    ['pg_stat_statements'],
  );
  const row = rows[0];
  return row && { schema: row.schema, version: row.version.split('.').map(Number) };
}

function isOlder(version: readonly number[], than: readonly number[]): boolean {
  for (let i = 0; i < than.length; i++) {
    const a = version[i] ?? 0;
    const b = than[i] ?? 0;
    if (a !== b) return a < b;
  }
  return false;
}

async function readCounters(query: PgQuery, extension: Extension, now: number): Promise<StatementsReading> {
  // Extension 1.9 (PostgreSQL 14) added toplevel and pg_stat_statements_info; 1.8 has neither.
  const modern = !isOlder(extension.version, [1, 9]);
  // The schema comes quoted from the catalog (quote_ident): identifiers cannot be bind parameters.
  const rows = await query<CounterRow>(
    `SELECT s.userid::text AS userid, s.queryid::text AS queryid, ${modern ? 's.toplevel' : 'true'} AS toplevel,
            s.calls::float8 AS calls, s.total_exec_time AS exec_ms, s.total_plan_time AS plan_ms, s.rows::float8 AS rows,
            s.shared_blks_hit::float8 AS hit, s.shared_blks_read::float8 AS read, s.temp_blks_written::float8 AS temp_written
       FROM ${extension.schema}.pg_stat_statements(false) s
      WHERE s.dbid = ${CURRENT_DB}`,
  );
  const info = modern
    ? await query<{ dbid: string; stats_reset: Date | null; dealloc: number | null }>(
        `SELECT ${CURRENT_DB}::text AS dbid, i.stats_reset, i.dealloc::float8 AS dealloc FROM ${extension.schema}.pg_stat_statements_info i`,
      )
    : await query<{ dbid: string; stats_reset: null; dealloc: null }>(`SELECT ${CURRENT_DB}::text AS dbid, NULL AS stats_reset, NULL AS dealloc`);
  return {
    at: now,
    dbid: Number(info[0]?.dbid),
    statsReset: info[0]?.stats_reset ? info[0].stats_reset.getTime() : null,
    dealloc: info[0]?.dealloc ?? null,
    entries: rows.flatMap((row) => (row.queryid === null ? [] : [toCounters(row, row.queryid)])),
    hidden: rows.filter((row) => row.queryid === null).length,
  };
}

function toCounters(row: CounterRow, queryid: string): StatementCounters {
  const userid = Number(row.userid);
  return {
    key: statementKey(userid, queryid, row.toplevel),
    userid,
    queryid,
    toplevel: row.toplevel,
    calls: row.calls,
    execMs: row.exec_ms,
    planMs: row.plan_ms,
    rows: row.rows,
    sharedHit: row.hit,
    sharedRead: row.read,
    tempWritten: row.temp_written,
  };
}

async function readTexts(query: PgQuery, extension: Extension, queryids: readonly string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  if (queryids.length === 0) return texts;
  const rows = await query<{ queryid: string; text: string | null }>(
    `SELECT DISTINCT ON (s.queryid) s.queryid::text AS queryid, left(s.query, $2) AS text
       FROM ${extension.schema}.pg_stat_statements(true) s
      WHERE s.dbid = ${CURRENT_DB} AND s.queryid = ANY($1::int8[])`,
    [queryids, MAX_TEXT_CHARS],
  );
  for (const row of rows) if (row.text !== null) texts.set(row.queryid, row.text);
  return texts;
}
