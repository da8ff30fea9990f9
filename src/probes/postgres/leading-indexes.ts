import type { PgQuery } from '../../postgres/pg-client.js';

/** Whether a column of a table exists, and the valid indexes that lead with it. */
export interface LeadingIndexes {
  column: string;
  exists: boolean;
  indexes: Array<{ index: string; definition: string }>;
}

/**
 * For advice such as "index user_id on files_media": which of the columns exist and which valid indexes already
 * start with them (only a leading column lets a btree serve `WHERE column = …` on its own).
 */
export async function readLeadingIndexes(query: PgQuery, table: string, columns: readonly string[]): Promise<LeadingIndexes[]> {
  const rows = await query<{ column: string; index: string | null; definition: string | null }>(
    `SELECT a.attname AS column, ic.relname AS index, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_attribute a
       LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indkey[0] = a.attnum AND i.indisvalid
       LEFT JOIN pg_class ic ON ic.oid = i.indexrelid
      WHERE a.attrelid = to_regclass($1) AND a.attname = ANY($2::text[]) AND NOT a.attisdropped
      ORDER BY a.attname, ic.relname`,
    [table, columns],
  );
  return columns.map((column) => {
    const own = rows.filter((r) => r.column === column);
    return {
      column,
      exists: own.length > 0,
      indexes: own.flatMap((r) => (r.index && r.definition ? [{ index: r.index, definition: r.definition }] : [])),
    };
  });
}
