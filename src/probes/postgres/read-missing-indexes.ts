import type { PgQuery } from '../../postgres/pg-client.js';
import { ENABLE_PG_STAT_STATEMENTS } from '../../postgres/pg-errors.js';
import type { DegradedCheck, MissingIndexSummary } from './detail.js';
import { findStatementsSchema, suggestIndexColumns } from './index-suggestions.js';
import { readMissingIndexCandidates } from './missing-indexes.js';
import { runCheck } from './run-check.js';

/** Candidates, then (where pg_stat_statements answers) the column to index; its absence is said, not fatal. */
export async function readMissingIndexes(query: PgQuery, degraded: DegradedCheck[]): Promise<MissingIndexSummary> {
  const candidates = await readMissingIndexCandidates(query);
  const schema = await findStatementsSchema(query);
  if (schema === null) {
    degraded.push({ check: 'index suggestions', reason: `pg_stat_statements is not installed in this database, so no column can be suggested: ${ENABLE_PG_STAT_STATEMENTS}` });
    return { candidates, statementsAvailable: false };
  }
  const suggested = await runCheck(query, 'index suggestions', degraded, () => suggestIndexColumns(query, schema, candidates));
  if (!suggested) return { candidates, statementsAvailable: false };
  if (suggested.hiddenStatements > 0) {
    degraded.push({ check: 'index suggestions', reason: `${suggested.hiddenStatements} statements of other roles are hidden in pg_stat_statements: GRANT pg_read_all_stats to the bot's role` });
  }
  return { candidates: suggested.candidates, statementsAvailable: true };
}
