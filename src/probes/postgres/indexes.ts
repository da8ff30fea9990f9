import type { PgQuery } from '../../postgres/pg-client.js';
import type { IndexHealth, IndexRef } from './detail.js';
import { findDuplicateIndexes, type IndexShape } from './duplicate-indexes.js';
import { toNumber } from './sql-values.js';

interface IndexRow {
  schema: string;
  table: string;
  index: string;
  method: string;
  size_bytes: number;
  definition: string;
  unique: boolean;
  primary: boolean;
  valid: boolean;
  has_include: boolean;
  key_columns: string[];
  expressions: string;
  predicate: string;
  scans: number;
  building: boolean;
}

/** Every index of the user schemas, with what the unused, duplicate and invalid rules need. */
export async function readIndexShapes(query: PgQuery): Promise<Array<IndexShape & { scans: number; building: boolean }>> {
  const rows = await query<IndexRow>(
    `SELECT n.nspname AS schema, t.relname AS table, ic.relname AS index, am.amname AS method,
            pg_relation_size(i.indexrelid)::float8 AS size_bytes, pg_get_indexdef(i.indexrelid) AS definition,
            i.indisunique AS unique, i.indisprimary AS primary, i.indisvalid AS valid, i.indnatts > i.indnkeyatts AS has_include,
            ARRAY(SELECT format('%s/%s/%s/%s', i.indkey[k], i.indclass[k], i.indoption[k], i.indcollation[k])
                    FROM generate_series(0, i.indnkeyatts - 1) AS k ORDER BY k) AS key_columns,
            coalesce(pg_get_expr(i.indexprs, i.indrelid), '') AS expressions,
            coalesce(pg_get_expr(i.indpred, i.indrelid), '') AS predicate,
            coalesce(ui.idx_scan, 0)::float8 AS scans,
            EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid) AS building
       FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_am am ON am.oid = ic.relam
       LEFT JOIN pg_stat_user_indexes ui ON ui.indexrelid = i.indexrelid
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast'
      ORDER BY n.nspname, t.relname, ic.relname`,
  );
  return rows.map((row) => ({
    schema: row.schema,
    table: row.table,
    index: row.index,
    sizeBytes: toNumber(row.size_bytes),
    definition: row.definition,
    method: row.method,
    unique: row.unique,
    primary: row.primary,
    valid: row.valid,
    hasInclude: row.has_include,
    keyColumns: row.key_columns,
    expressions: row.expressions,
    predicate: row.predicate,
    scans: toNumber(row.scans),
    building: row.building,
  }));
}

/** Unused (PgHero: no scans, not unique, from `unusedIndexMegabytes` up), duplicate and invalid indexes, biggest first. */
export async function readIndexHealth(query: PgQuery, unusedIndexMegabytes: number): Promise<IndexHealth> {
  const shapes = await readIndexShapes(query);
  const minBytes = unusedIndexMegabytes * 1024 * 1024;
  const bySize = (a: IndexRef, b: IndexRef) => b.sizeBytes - a.sizeBytes;
  return {
    unused: shapes.filter((i) => i.valid && !i.unique && !i.primary && i.scans === 0 && i.sizeBytes >= minBytes).map(toRef).sort(bySize),
    duplicate: findDuplicateIndexes(shapes),
    // One being built right now by CREATE INDEX CONCURRENTLY is invalid until it finishes: not a finding.
    invalid: shapes.filter((i) => !i.valid && !i.building).map(toRef).sort(bySize),
  };
}

function toRef(index: IndexRef): IndexRef {
  return { schema: index.schema, table: index.table, index: index.index, sizeBytes: index.sizeBytes, definition: index.definition };
}
