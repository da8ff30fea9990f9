import type { DuplicateIndex, IndexRef } from './detail.js';

/** One index as the duplicate rule needs it. */
export interface IndexShape extends IndexRef {
  method: string;
  unique: boolean;
  primary: boolean;
  valid: boolean;
  /** Each key column as `attnum/opclass/options/collation`, so `(state)` and `(state varchar_pattern_ops)` differ. */
  keyColumns: string[];
  /** Whether it has INCLUDE columns: then its own key columns do not cover what it stores. */
  hasInclude: boolean;
  /** pg_get_expr of the expressions and the predicate; empty when none. */
  expressions: string;
  predicate: string;
}

/**
 * PgHero's rule: an index is unneeded when its key columns are a leading prefix of another valid index on the same
 * table with the same method, expressions and predicate. Of two identical indexes only one is reported (the one
 * whose name sorts later), unless the other is unique or primary, which always wins.
 */
export function findDuplicateIndexes(indexes: readonly IndexShape[]): DuplicateIndex[] {
  const byTable = new Map<string, IndexShape[]>();
  for (const index of indexes) {
    const key = `${index.schema}.${index.table}`;
    byTable.set(key, [...(byTable.get(key) ?? []), index]);
  }
  const out: DuplicateIndex[] = [];
  for (const index of indexes) {
    if (!index.valid || index.primary || index.unique || index.hasInclude) continue;
    const siblings = byTable.get(`${index.schema}.${index.table}`) ?? [];
    const covering = siblings.find(
      (other) =>
        other.valid &&
        other.index !== index.index &&
        other.method === index.method &&
        other.expressions === index.expressions &&
        other.predicate === index.predicate &&
        startsWith(other.keyColumns, index.keyColumns),
    );
    if (!covering) continue;
    const identical = covering.keyColumns.length === index.keyColumns.length;
    if (!identical || index.index > covering.index || covering.primary || covering.unique) {
      out.push({ unneeded: toRef(index), coveredBy: toRef(covering) });
    }
  }
  return out.sort((a, b) => a.unneeded.table.localeCompare(b.unneeded.table) || a.unneeded.index.localeCompare(b.unneeded.index));
}

function startsWith(columns: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length > 0 && prefix.length <= columns.length && prefix.every((column, i) => columns[i] === column);
}

function toRef(index: IndexShape): IndexRef {
  return { schema: index.schema, table: index.table, index: index.index, sizeBytes: index.sizeBytes, definition: index.definition };
}
