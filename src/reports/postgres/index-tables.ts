import type { DuplicateIndex, IndexRef, MissingIndexSummary } from '../../probes/postgres.js';
import { qualifiedName } from '../../probes/postgres/sql-values.js';
import type { Block } from '../report.js';
import { formatBytes, formatCount, formatPercent } from './format.js';
import { describeMissingIndexFix } from './index-findings.js';

/** `btree (user_id, add_date DESC)`: the part of pg_get_indexdef a reader needs beside the index name. */
export function shortDefinition(definition: string): string {
  return definition.replace(/^CREATE (?:UNIQUE )?INDEX (?:CONCURRENTLY )?\S+ ON (?:ONLY )?\S+ USING /, '');
}

export function missingIndexTable(missing: MissingIndexSummary): Block {
  return {
    kind: 'table',
    columns: [{ label: 'table' }, { label: 'rows', align: 'right' }, { label: 'index use', align: 'right' }, { label: 'seq scans', align: 'right' }, { label: 'what to do' }],
    rows: missing.candidates.map((c) => ({
      cells: [qualifiedName(c.schema, c.table), formatCount(c.rows), formatPercent(c.indexUsePercent), formatCount(c.sequentialScans), describeMissingIndexFix(c, missing.statementsAvailable)],
      severity: 'warning',
    })),
  };
}

export function indexRefTable(indexes: readonly IndexRef[], caption?: string): Block {
  return {
    kind: 'table',
    caption,
    columns: [{ label: 'index' }, { label: 'table' }, { label: 'size', align: 'right' }, { label: 'definition' }],
    rows: indexes.map((i) => ({ cells: [i.index, qualifiedName(i.schema, i.table), formatBytes(i.sizeBytes), shortDefinition(i.definition)] })),
  };
}

export function duplicateTable(duplicates: readonly DuplicateIndex[]): Block {
  return {
    kind: 'table',
    columns: [{ label: 'unneeded index' }, { label: 'size', align: 'right' }, { label: 'columns' }, { label: 'covered by' }, { label: 'its columns' }],
    rows: duplicates.map((d) => ({
      cells: [d.unneeded.index, formatBytes(d.unneeded.sizeBytes), shortDefinition(d.unneeded.definition), d.coveredBy.index, shortDefinition(d.coveredBy.definition)],
    })),
  };
}

/** DROP statements for an operator to review; never run by the bot. */
export function dropStatements(indexes: readonly IndexRef[]): Block {
  return { kind: 'code', text: indexes.map((i) => `DROP INDEX CONCURRENTLY ${i.schema === 'public' ? '' : `${i.schema}.`}${i.index};`).join('\n') };
}
