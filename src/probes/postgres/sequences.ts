import type { PgQuery } from '../../postgres/pg-client.js';
import type { SequenceUsage } from './detail.js';
import { toNumber } from './sql-values.js';

interface SequenceRow {
  schema: string;
  table: string;
  column: string;
  column_type: string;
  sequence: string;
  last_value: number | null;
  max_value: number;
  used_percent: number | null;
  readable: boolean;
}

/**
 * PgHero's "columns near integer overflow": every serial or identity column's sequence, last_value against the
 * largest value of the column's type (or the sequence's own maximum, if lower), most used first. The share is
 * computed in numeric so bigint sequences stay exact. `unreadable` counts sequences the role may not read.
 */
export async function readSequenceUsage(query: PgQuery): Promise<{ sequences: SequenceUsage[]; unreadable: number }> {
  const rows = await query<SequenceRow>(
    `WITH seqs AS (
       SELECT n.nspname AS schema, c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS column_type,
              sn.nspname AS seq_schema, s.relname AS sequence, has_sequence_privilege(s.oid, 'SELECT,USAGE') AS readable,
              least(CASE a.atttypid WHEN 'int2'::regtype THEN 32767::numeric WHEN 'int4'::regtype THEN 2147483647::numeric
                                    ELSE 9223372036854775807::numeric END, ps.max_value::numeric) AS max_value,
              ps.last_value::numeric AS last_value
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_depend d ON d.refobjid = c.oid AND d.refobjsubid = a.attnum AND d.classid = 'pg_class'::regclass
                          AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
         JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
         JOIN pg_namespace sn ON sn.oid = s.relnamespace
         JOIN pg_sequences ps ON ps.schemaname = sn.nspname AND ps.sequencename = s.relname
        WHERE a.attnum > 0 AND NOT a.attisdropped AND a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype))
     SELECT schema, "table", "column", column_type, sequence, readable, last_value::float8 AS last_value,
            max_value::float8 AS max_value, (100 * last_value / max_value)::float8 AS used_percent
       FROM seqs ORDER BY used_percent DESC NULLS LAST, "table"`,
  );
  const sequences = rows
    .filter((row) => row.used_percent !== null)
    .slice(0, 10)
    .map((row) => ({
      schema: row.schema,
      table: row.table,
      column: row.column,
      columnType: row.column_type,
      sequence: row.sequence,
      lastValue: toNumber(row.last_value),
      maxValue: toNumber(row.max_value),
      usedPercent: toNumber(row.used_percent),
    }));
  return { sequences, unreadable: rows.filter((row) => !row.readable).length };
}
