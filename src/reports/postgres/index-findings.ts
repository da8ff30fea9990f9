import { ENABLE_PG_STAT_STATEMENTS } from '../../postgres/pg-errors.js';
import type { IndexHealth, MissingIndexCandidate, MissingIndexSummary } from '../../probes/postgres.js';
import { qualifiedName } from '../../probes/postgres/sql-values.js';
import type { Finding } from './findings-section.js';
import { formatBytes, formatCount, formatPercent } from './format.js';

/** What to do about a table that needs an index: the suggested statement, or how to find the column. */
export function describeMissingIndexFix(c: MissingIndexCandidate, statementsAvailable: boolean): string {
  if (c.suggestion) {
    return `${c.suggestion.statement} (its statements filter on ${c.suggestion.column}: ${formatCount(c.suggestion.calls)} calls; a suggestion only, the bot never runs DDL)`;
  }
  if (statementsAvailable) {
    return 'no statement in pg_stat_statements filters it by an unindexed column: find the slowest statements on it in pg_stat_statements and EXPLAIN them';
  }
  return `the table needs an index; to find the column, enable pg_stat_statements (${ENABLE_PG_STAT_STATEMENTS}) and run indexes again, or set log_min_duration_statement and read the WHERE clauses of the slow queries on it`;
}

export function findMissingIndexProblems(missing: MissingIndexSummary): Finding[] {
  return missing.candidates.map((c) => {
    const name = qualifiedName(c.schema, c.table);
    return {
      severity: 'warning' as const,
      text: `${name} (${formatCount(c.rows)} rows) is read by index only ${formatPercent(c.indexUsePercent)} of the time (${formatCount(c.sequentialScans)} sequential scans)${c.suggestion ? `: index ${name} (${c.suggestion.column})` : ''}`,
      hint: describeMissingIndexFix(c, missing.statementsAvailable),
    };
  });
}

/**
 * Invalid indexes are warnings (they cost writes and help no read); unused and duplicate ones are housekeeping
 * (info): they cost disk and write time but never slow a read.
 */
export function findIndexProblems(indexes: IndexHealth): Finding[] {
  const out: Finding[] = indexes.invalid.map((i) => ({
    severity: 'warning' as const,
    text: `index ${i.index} on ${qualifiedName(i.schema, i.table)} is invalid (a failed CREATE INDEX CONCURRENTLY)`,
    hint: `it is maintained on every write but never used: DROP INDEX CONCURRENTLY ${i.index}; then create it again`,
  }));
  if (indexes.unused.length > 0) {
    const bytes = indexes.unused.reduce((sum, i) => sum + i.sizeBytes, 0);
    out.push({
      severity: 'info',
      text: `${indexes.unused.length} unused indexes take ${formatBytes(bytes)} (largest: ${indexes.unused[0]?.index})`,
      hint: 'no scan since statistics were reset: check a replica does not use them, then DROP INDEX CONCURRENTLY (see indexes)',
    });
  }
  if (indexes.duplicate.length > 0) {
    const first = indexes.duplicate[0];
    out.push({
      severity: 'info',
      text: `${indexes.duplicate.length} duplicate indexes${first ? ` (e.g. ${first.unneeded.index} is covered by ${first.coveredBy.index})` : ''}`,
      hint: 'an index whose columns lead another index is redundant: DROP INDEX CONCURRENTLY the covered one (see indexes)',
    });
  }
  return out;
}
