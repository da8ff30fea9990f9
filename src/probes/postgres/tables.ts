import type { PgQuery } from '../../postgres/pg-client.js';
import type { TableMaintenance, TableMaintenanceSummary } from './detail.js';
import { toEpochMs, toNumber, toNumberOrNull } from './sql-values.js';

export interface DeadTupleThresholds {
  /** postgres.deadTuplePercent: dead ÷ (live + dead) × 100 above which a table needs vacuuming. */
  deadTuplePercent: number;
  /** postgres.deadTupleMinimum: fewer dead tuples are never a finding, whatever the share. */
  deadTupleMinimum: number;
}

interface TableRow {
  schema: string;
  table: string;
  live: number;
  dead: number;
  dead_percent: number | null;
  flagged: boolean;
  flagged_count: number;
  last_vacuum: Date | null;
  last_autovacuum: Date | null;
  last_analyze: Date | null;
  last_autoanalyze: Date | null;
  modified: number;
  total_bytes: number;
  autovacuum_option: string | null;
}

const LIMIT = 50;

/** pg_stat_user_tables with PgHero's maintenance columns; flagged tables first, then the most dead tuples, then the biggest. */
export async function readTableMaintenance(query: PgQuery, t: DeadTupleThresholds): Promise<TableMaintenanceSummary> {
  const rows = await query<TableRow>(
    `WITH t AS (
       SELECT s.schemaname AS schema, s.relname AS table, s.n_live_tup::float8 AS live, s.n_dead_tup::float8 AS dead,
              (100 * s.n_dead_tup::float8 / nullif(s.n_live_tup + s.n_dead_tup, 0))::float8 AS dead_percent,
              s.last_vacuum, s.last_autovacuum, s.last_analyze, s.last_autoanalyze,
              s.n_mod_since_analyze::float8 AS modified, pg_total_relation_size(s.relid)::float8 AS total_bytes,
              (SELECT option_value FROM pg_options_to_table(c.reloptions) WHERE option_name = 'autovacuum_enabled') AS autovacuum_option
         FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid)
     SELECT *, coalesce(dead >= $2 AND dead_percent > $1, false) AS flagged,
            (count(*) FILTER (WHERE dead >= $2 AND dead_percent > $1) OVER ())::int AS flagged_count
       FROM t ORDER BY flagged DESC, dead DESC, total_bytes DESC, "table" LIMIT ${LIMIT}`,
    [t.deadTuplePercent, t.deadTupleMinimum],
  );
  return { flaggedCount: rows[0]?.flagged_count ?? 0, tables: rows.map(toTableMaintenance) };
}

function toTableMaintenance(row: TableRow): TableMaintenance {
  return {
    schema: row.schema,
    table: row.table,
    liveTuples: toNumber(row.live),
    deadTuples: toNumber(row.dead),
    deadPercent: toNumberOrNull(row.dead_percent),
    flagged: row.flagged,
    lastVacuumAt: toEpochMs(row.last_vacuum),
    lastAutovacuumAt: toEpochMs(row.last_autovacuum),
    lastAnalyzeAt: toEpochMs(row.last_analyze),
    lastAutoanalyzeAt: toEpochMs(row.last_autoanalyze),
    modifiedSinceAnalyze: toNumber(row.modified),
    totalBytes: toNumber(row.total_bytes),
    // reloptions keep what was written: false, off, no and 0 all switch it off.
    autovacuumEnabled: !['false', 'off', 'no', '0'].includes((row.autovacuum_option ?? 'true').toLowerCase()),
  };
}
