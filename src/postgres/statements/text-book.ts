import type { Json, Store } from '../../store/store.js';

const TEXTS_KEY = 'postgres.statements.texts';

/** pg_stat_statements.max is 5,000 by default; 20,000 leaves room for a raised max without growing unbounded. */
export const MAX_TEXTS = 20_000;

/**
 * Query texts by queryid, each stored once with when it was last seen. Texts are fetched from the database only
 * for queryids the book lacks, and pruned when no kept snapshot can refer to them any more.
 */
export interface TextBook {
  get(queryid: string): string | undefined;
  has(queryid: string): boolean;
  /** Adds texts fetched at `at`. */
  add(texts: ReadonlyMap<string, string>, at: number): void;
  /**
   * Marks queryids as seen at `at`; called when a snapshot taken at `at` is kept, so a text outlives every snapshot
   * that refers to it. Plain readings do not call it: rewriting every text's date on each audit would rewrite the book.
   */
  markSeen(queryids: Iterable<string>, at: number): void;
  /**
   * Writes the book back when it changed, first dropping texts last seen before `oldestNeeded` (the oldest kept
   * snapshot: no snapshot can refer to them) and then the least recently seen beyond MAX_TEXTS.
   */
  save(oldestNeeded: number | undefined): void;
}

export function openTextBook(store: Store): TextBook {
  const entries = new Map<string, [string, number]>(Object.entries((store.getState<Json>(TEXTS_KEY) ?? {}) as Record<string, [string, number]>));
  let dirty = false;
  return {
    get: (queryid) => entries.get(queryid)?.[0],
    has: (queryid) => entries.has(queryid),
    add(texts, at) {
      for (const [queryid, text] of texts) entries.set(queryid, [text, at]);
      if (texts.size > 0) dirty = true;
    },
    markSeen(queryids, at) {
      for (const queryid of queryids) {
        const entry = entries.get(queryid);
        if (entry && entry[1] < at) {
          entry[1] = at;
          dirty = true;
        }
      }
    },
    save(oldestNeeded) {
      if (!dirty) return;
      let kept = [...entries].filter(([, [, seenAt]]) => oldestNeeded === undefined || seenAt >= oldestNeeded);
      if (kept.length > MAX_TEXTS) kept = kept.sort((a, b) => b[1][1] - a[1][1]).slice(0, MAX_TEXTS);
      entries.clear();
      for (const [queryid, entry] of kept) entries.set(queryid, entry);
      store.setState(TEXTS_KEY, Object.fromEntries(kept));
      dirty = false;
    },
  };
}
