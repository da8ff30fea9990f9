import type { LeadingIndexes } from '../../probes/postgres/leading-indexes.js';
import type { Block, Severity } from '../report.js';

/** The table and columns the CinemataCMS monitoring guide asks to index ("Add indexes for user_id, created_at, media_type"). */
export const ADVICE_TABLE = 'files_media';
/** `created_at` does not exist in CinemataCMS: a media's upload date is `add_date`. */
export const ADVICE_COLUMNS = ['user_id', 'add_date', 'media_type'] as const;

function describe(entry: LeadingIndexes): { text: string; severity: Severity } {
  const said = entry.column === 'add_date' ? 'created_at (CinemataCMS has no such column; the upload date is add_date)' : entry.column;
  if (!entry.exists) return { text: `${said}: ${ADVICE_TABLE}.${entry.column} is not in this database`, severity: 'info' };
  if (entry.indexes.length === 0) {
    return {
      text: `${said}: no index of ${ADVICE_TABLE} starts with ${entry.column}; add one only if queries filter on it (see missing indexes): CREATE INDEX CONCURRENTLY ON ${ADVICE_TABLE} (${entry.column});`,
      severity: 'info',
    };
  }
  const names = entry.indexes.map((i) => (/ WHERE /.test(i.definition) ? `${i.index} (partial)` : i.index));
  return { text: `${said}: already indexed by ${names.join(', ')}`, severity: 'ok' };
}

/** The guide's advice checked against this database: which of the indexes it asks for exist, by name. */
export function cinemataAdviceBlock(advice: readonly LeadingIndexes[]): Block {
  return { kind: 'list', items: advice.map(describe) };
}
