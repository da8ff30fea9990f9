import type { PgQuery } from '../../postgres/pg-client.js';
import type { DatabaseStats, WraparoundInfo } from './detail.js';
import { toEpochMs, toNumber, toNumberOrNull } from './sql-values.js';

/** Transaction IDs are 32-bit and compared modulo 2^31: past that age, old rows would seem to be in the future. */
export const XID_WRAPAROUND_LIMIT = 2 ** 31;

/** Deadlocks, cache hit ratios (PgHero's heap and index ratios), size and the last statistics reset of this database. */
export async function readDatabaseStats(query: PgQuery): Promise<DatabaseStats> {
  const [row] = await query<{ deadlocks: number | null; stats_reset: Date | null; size: number; table_hit: number | null; index_hit: number | null }>(
    `SELECT d.deadlocks::float8 AS deadlocks, d.stats_reset, pg_database_size(current_database())::float8 AS size,
            (SELECT 100 * sum(heap_blks_hit) / nullif(sum(heap_blks_hit) + sum(heap_blks_read), 0) FROM pg_statio_user_tables)::float8 AS table_hit,
            (SELECT 100 * sum(idx_blks_hit) / nullif(sum(idx_blks_hit) + sum(idx_blks_read), 0) FROM pg_statio_user_indexes)::float8 AS index_hit
       FROM pg_stat_database d WHERE d.datname = current_database()`,
  );
  return {
    deadlocks: toNumber(row?.deadlocks),
    tableCacheHitPercent: toNumberOrNull(row?.table_hit),
    indexCacheHitPercent: toNumberOrNull(row?.index_hit),
    sizeBytes: toNumber(row?.size),
    statsResetAt: toEpochMs(row?.stats_reset),
  };
}

/**
 * The oldest datfrozenxid of the cluster (wraparound stops every database, not only this one) against 2^31 and
 * autovacuum_freeze_max_age, and this database's tables with the oldest relfrozenxid, heap or TOAST (PgHero's
 * "transaction ID danger").
 */
export async function readWraparound(query: PgQuery): Promise<WraparoundInfo> {
  const [db] = await query<{ datname: string; xid_age: number; freeze_max_age: number }>(
    `SELECT datname, age(datfrozenxid)::float8 AS xid_age, current_setting('autovacuum_freeze_max_age')::float8 AS freeze_max_age
       FROM pg_database ORDER BY age(datfrozenxid) DESC LIMIT 1`,
  );
  const tables = await query<{ schema: string; table: string; xid_age: number }>(
    `SELECT n.nspname AS schema, c.relname AS table, greatest(age(c.relfrozenxid), age(t.relfrozenxid))::float8 AS xid_age
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
      WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast'
      ORDER BY 3 DESC NULLS LAST LIMIT 5`,
  );
  const xidAge = toNumber(db?.xid_age);
  const freezeMaxAge = toNumber(db?.freeze_max_age) || 200_000_000;
  return {
    database: db?.datname ?? '',
    xidAge,
    percent: (100 * xidAge) / XID_WRAPAROUND_LIMIT,
    freezeMaxAgePercent: (100 * xidAge) / freezeMaxAge,
    freezeMaxAge,
    oldestTables: tables.map((t) => ({ schema: t.schema, table: t.table, xidAge: toNumber(t.xid_age) })),
  };
}
