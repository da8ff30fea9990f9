import type { StatementStat } from '../../postgres/statements/statement-stats.js';
import { formatCount, formatMs } from './format.js';
import { matchExplainTarget, normalizeSql } from './match-shape.js';

export interface AdviceContext {
  /** postgres.cacheHitPercent. */
  cacheHitPercent: number;
}

/**
 * One hook of advice on a statement: returns a sentence or nothing. Later checks (index suggestions from pg_stats,
 * say) add a hook here rather than another pass over the statements.
 */
export interface StatementAdviceHook {
  id: string;
  advise(stat: StatementStat, ctx: AdviceContext): string | undefined;
}

const has = (stat: StatementStat, ...parts: string[]): boolean => {
  const sql = normalizeSql(stat.text ?? '');
  return parts.every((p) => sql.includes(p));
};

export const STATEMENT_ADVICE_HOOKS: readonly StatementAdviceHook[] = [
  {
    id: 'cinemata-shape',
    advise(stat) {
      const target = matchExplainTarget(stat.text);
      return target && `this is CinemataCMS's ${target} query: run explain ${target} to see its plan on today's data`;
    },
  },
  {
    id: 'popular-media-count',
    advise: (stat) =>
      has(stat, 'from actions_mediaaction', 'join files_media', 'action_date >=')
        ? "get_list_of_popular_media runs this twice per public media; actions_mediaaction has no index on (media_id, action, action_date): CREATE INDEX CONCURRENTLY actions_mediaaction_media_action_date_idx ON actions_mediaaction (media_id, action, action_date);"
        : undefined,
  },
  {
    id: 'encoding-heartbeat',
    advise: (stat) =>
      has(stat, 'from files_encoding', 'update_date <') || has(stat, 'from files_encoding', 'update_date >')
        ? 'files_encoding has no index on update_date (the heartbeat): a stale-encoding check scans the table; an index on (status, update_date) serves it'
        : undefined,
  },
  {
    id: 'cache-misses',
    advise(stat, ctx) {
      if (stat.hitPercent === null || stat.hitPercent >= ctx.cacheHitPercent || stat.sharedRead < 1_000) return undefined;
      return `only ${stat.hitPercent.toFixed(0)}% of its blocks came from shared_buffers (${formatCount(stat.sharedRead / Math.max(1, stat.calls))} read per call): a sequential scan of a big table, or shared_buffers too small`;
    },
  },
  {
    id: 'temp-files',
    advise: (stat) => (stat.tempWritten > 0 ? `writes temporary files (${formatCount(stat.tempWritten)} blocks): its sorts or hashes exceed work_mem; an index in ORDER BY order avoids the sort` : undefined),
  },
  {
    id: 'many-rows',
    advise: (stat) => (stat.rowsPerCall >= 1_000 ? `returns ${formatCount(stat.rowsPerCall)} rows per call: a missing LIMIT or pagination, or a caller that filters in Python` : undefined),
  },
  {
    id: 'regression',
    advise: (stat) =>
      stat.regression &&
      `mean went from ${formatMs(stat.regression.previousMeanMs)} to ${formatMs(stat.meanMs)}: a plan change after data growth or stale statistics; compare its plan (EXPLAIN) and ANALYZE the tables it reads`,
  },
  {
    id: 'explain-it',
    advise: (stat) =>
      stat.slow && matchExplainTarget(stat.text) === undefined
        ? 'EXPLAIN (ANALYZE, BUFFERS) it with real values inside BEGIN READ ONLY … ROLLBACK, and look for a Seq Scan on a big table or an estimate far from the actual rows'
        : undefined,
  },
];

export function adviseStatement(stat: StatementStat, ctx: AdviceContext, hooks: readonly StatementAdviceHook[] = STATEMENT_ADVICE_HOOKS): string[] {
  return hooks.flatMap((hook) => hook.advise(stat, ctx) ?? []);
}
