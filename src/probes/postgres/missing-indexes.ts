import type { PgQuery } from '../../postgres/pg-client.js';
import type { MissingIndexCandidate } from './detail.js';
import { toNumber } from './sql-values.js';

/** PgHero: tables this big whose reads use an index less than 95 % of the time are missing an index. */
export const MISSING_INDEX_MIN_ROWS = 10_000;
export const MISSING_INDEX_USE_PERCENT = 95;
/**
 * PgHero skips tables with no index scan at all ("insufficient data"). A big table read only by sequential
 * scans is the clearest case of a missing index, so it counts here once it has been scanned this many times.
 */
export const MISSING_INDEX_MIN_SCANS = 20;

interface CandidateRow {
  schema: string;
  table: string;
  rows: number;
  seq: number;
  idx: number;
}

/**
 * Tables of at least 10 000 rows read by index less than 95 % of the time, biggest first. Rows are n_live_tup,
 * or the planner's reltuples when statistics were reset (a restored or cloned database starts at 0).
 */
export async function readMissingIndexCandidates(query: PgQuery): Promise<MissingIndexCandidate[]> {
  const rows = await query<CandidateRow>(
    `SELECT s.schemaname AS schema, s.relname AS table, greatest(s.n_live_tup, c.reltuples)::float8 AS rows,
            s.seq_scan::float8 AS seq, coalesce(s.idx_scan, 0)::float8 AS idx
       FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
      WHERE greatest(s.n_live_tup, c.reltuples) >= $1
        AND s.seq_scan + coalesce(s.idx_scan, 0) >= $2
        AND 100 * coalesce(s.idx_scan, 0) < $3 * (s.seq_scan + coalesce(s.idx_scan, 0))
      ORDER BY rows DESC, s.relname LIMIT 20`,
    [MISSING_INDEX_MIN_ROWS, MISSING_INDEX_MIN_SCANS, MISSING_INDEX_USE_PERCENT],
  );
  return rows.map((row) => {
    const seq = toNumber(row.seq);
    const idx = toNumber(row.idx);
    return {
      schema: row.schema,
      table: row.table,
      rows: toNumber(row.rows),
      sequentialScans: seq,
      indexScans: idx,
      indexUsePercent: seq + idx > 0 ? (100 * idx) / (seq + idx) : 0,
      suggestion: null,
    };
  });
}
