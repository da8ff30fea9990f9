import { SQL_MARKER, type PgQuery } from '../../postgres/pg-client.js';
import { HIDDEN_QUERY } from './activity.js';
import type { ColumnSuggestion, MissingIndexCandidate } from './detail.js';
import { findFilterColumns } from './filter-columns.js';
import { cutQueryText, qualifiedName, quoteIdent, toNumber, toNumberOrNull } from './sql-values.js';

/** A column with fewer distinct values than this (a flag, a status) rarely makes a useful index on its own. */
const MIN_DISTINCT_VALUES = 10;

interface StatementRow {
  query: string;
  calls: number;
  total_ms: number;
}

interface ColumnRow {
  sch: string;
  tbl: string;
  column: string;
  leads_index: boolean;
  n_distinct: number | null;
}

/** The schema pg_stat_statements is installed in, in this database; null when it is not installed. */
export async function findStatementsSchema(query: PgQuery): Promise<string | null> {
  const [row] = await query<{ schema: string }>(
    `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements'`,
  );
  return row?.schema ?? null;
}

/**
 * For each candidate table, the column its heaviest statements filter by (WHERE/AND) that leads no valid index of
 * the table and has enough distinct values to be worth indexing. Returns the candidates with `suggestion` set
 * where one was found, and how many statement texts were hidden from the bot's role.
 */
export async function suggestIndexColumns(
  query: PgQuery,
  statementsSchema: string,
  candidates: readonly MissingIndexCandidate[],
): Promise<{ candidates: MissingIndexCandidate[]; hiddenStatements: number }> {
  if (candidates.length === 0) return { candidates: [], hiddenStatements: 0 };
  const names = candidates.map((c) => c.table.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const statements = await query<StatementRow>(
    `SELECT query, calls::float8 AS calls, (total_exec_time + total_plan_time)::float8 AS total_ms
       FROM ${quoteIdent(statementsSchema)}.pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND (query = $3 OR (query NOT LIKE $1 AND query ~* $2))
      ORDER BY total_ms DESC LIMIT 500`,
    [`${SQL_MARKER}%`, `\\m(${names.join('|')})\\M`, HIDDEN_QUERY],
  );
  const columns = await query<ColumnRow>(
    `SELECT n.nspname AS sch, c.relname AS tbl, a.attname AS column, st.n_distinct::float8 AS n_distinct,
            EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisvalid AND i.indkey[0] = a.attnum) AS leads_index
       FROM unnest($1::text[], $2::text[]) AS w(sch, tbl)
       JOIN pg_namespace n ON n.nspname = w.sch
       JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = w.tbl
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_stats st ON st.schemaname = n.nspname AND st.tablename = c.relname AND st.attname = a.attname`,
    [candidates.map((c) => c.schema), candidates.map((c) => c.table)],
  );
  const visible = statements.filter((s) => s.query !== HIDDEN_QUERY);
  return {
    candidates: candidates.map((candidate) => ({ ...candidate, suggestion: suggestFor(candidate, visible, columns) })),
    hiddenStatements: statements.length - visible.length,
  };
}

function suggestFor(candidate: MissingIndexCandidate, statements: readonly StatementRow[], columns: readonly ColumnRow[]): ColumnSuggestion | null {
  const own = new Map(columns.filter((c) => c.sch === candidate.schema && c.tbl === candidate.table).map((c) => [c.column, c]));
  const tally = new Map<string, { calls: number; totalMs: number; example: StatementRow }>();
  for (const statement of statements) {
    for (const column of findFilterColumns(statement.query, candidate.table)) {
      const info = own.get(column);
      if (!info || info.leads_index || !selectiveEnough(info.n_distinct, candidate.rows)) continue;
      const seen = tally.get(column) ?? { calls: 0, totalMs: 0, example: statement };
      seen.calls += toNumber(statement.calls);
      seen.totalMs += toNumber(statement.total_ms);
      tally.set(column, seen);
    }
  }
  const best = [...tally.entries()].sort((a, b) => b[1].totalMs - a[1].totalMs)[0];
  if (!best) return null;
  const [column, seen] = best;
  return {
    column,
    statement: `CREATE INDEX CONCURRENTLY ON ${qualifiedName(candidate.schema, candidate.table)} (${quoteIdent(column)});`,
    calls: seen.calls,
    totalMs: seen.totalMs,
    exampleQuery: cutQueryText(seen.example.query, 300),
  };
}

// pg_stats.n_distinct: positive is a count, negative a share of the rows; unknown (no stats, no grant) passes.
function selectiveEnough(nDistinct: number | null, rows: number): boolean {
  const n = toNumberOrNull(nDistinct);
  if (n === null || n === 0) return true;
  const distinct = n > 0 ? n : -n * rows;
  return distinct >= MIN_DISTINCT_VALUES;
}
