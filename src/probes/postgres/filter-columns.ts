/**
 * Columns a statement filters `table` by: `WHERE col = $1`, `AND "table"."col" >= $2`, `AND col IN (…)`, … as
 * pg_stat_statements keeps them (constants replaced by $n). A qualified column counts only when the qualifier is
 * the table itself, so `U0.media_id` in a Django subquery is not taken for this table's column. This is a
 * heuristic for advice, not a parser: the caller checks that the column exists and is not indexed yet.
 */
export function findFilterColumns(query: string, table: string): string[] {
  const found = new Set<string>();
  const predicate =
    /\b(?:WHERE|AND)\s+\(*\s*(?:("?)([A-Za-z_][\w$]*)\1\.)?("?)([A-Za-z_][\w$]*)\3\s*(?:=|<=|>=|<(?![>@])|>|\bIN\b|\bBETWEEN\b|\bLIKE\b|\bILIKE\b|\bIS\s+(?:NOT\s+)?NULL\b)/gi;
  for (const match of query.matchAll(predicate)) {
    const [, qualifierQuote = '', qualifier, columnQuote = '', column] = match;
    if (!column || KEYWORDS.has(column.toUpperCase())) continue;
    if (qualifier !== undefined && normalize(qualifier, qualifierQuote) !== table) continue;
    found.add(normalize(column, columnQuote));
  }
  return [...found];
}

// Unquoted identifiers fold to lower case in PostgreSQL; quoted ones keep their case.
function normalize(identifier: string, quote: string): string {
  return quote ? identifier : identifier.toLowerCase();
}

// Words that can follow WHERE/AND and look like a column to the pattern above.
const KEYWORDS = new Set(['NOT', 'EXISTS', 'CASE', 'COALESCE', 'LOWER', 'UPPER', 'TRUE', 'FALSE', 'NULL']);
