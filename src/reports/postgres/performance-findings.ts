import type { Config } from '../../config/load-config.js';
import type { PostgresDetail } from '../../probes/postgres.js';
import type { Finding } from './findings-section.js';
import { formatMs, formatPercent } from './format.js';

type PostgresSettings = Config['postgres'];

function level(value: number | null, pair: { warning: number; critical: number }): 'warning' | 'critical' | undefined {
  if (value === null || !Number.isFinite(value)) return undefined;
  return value >= pair.critical ? 'critical' : value >= pair.warning ? 'warning' : undefined;
}

/** Cache hit ratios (PgHero: both at least 99 %), round trip and search latency (the guide: DB latency > 500 ms). */
export function findPerformanceProblems(detail: PostgresDetail, settings: PostgresSettings): Finding[] {
  const out: Finding[] = [];
  const cache = [
    ['table', detail.stats.tableCacheHitPercent],
    ['index', detail.stats.indexCacheHitPercent],
  ] as const;
  for (const [kind, percent] of cache) {
    if (percent !== null && percent < settings.cacheHitPercent) {
      out.push({
        severity: 'warning',
        text: `${kind} cache hit rate ${formatPercent(percent)} (below ${settings.cacheHitPercent}%)`,
        hint: 'reads go to disk: the working set does not fit in shared_buffers; raise shared_buffers (a quarter of RAM is the usual start) or add memory',
      });
    }
  }
  const roundtrip = level(detail.latency.roundtripMs, settings.latencyMs);
  if (roundtrip) {
    out.push({
      severity: roundtrip,
      text: `database round trip (SELECT 1) took ${formatMs(detail.latency.roundtripMs)}`,
      hint: 'every page view waits on this: check the database host (CPU, I/O wait, swap), the network between the app and the database, and connections near the limit',
    });
  }
  const search = level(detail.latency.searchMs, settings.searchLatencyMs);
  if (search) {
    out.push({
      severity: search,
      text: `the CinemataCMS search query (${detail.latency.searchQuery}) took ${formatMs(detail.latency.searchMs)}`,
      hint: '/api/v1/search is this slow for users: EXPLAIN (ANALYZE, BUFFERS) it; check files_media_search_7194c6_gin is used and files_media is vacuumed (bloat)',
    });
  }
  return out;
}

/** Deadlocks since an hour ago, from the counter's history; nothing when history does not reach back. */
export function findDeadlockProblems(deadlocksLastHour: number | null): Finding[] {
  if (deadlocksLastHour === null || deadlocksLastHour <= 0) return [];
  return [
    {
      severity: 'warning',
      text: `${deadlocksLastHour} deadlocks in the last hour`,
      hint: 'PostgreSQL cancelled one transaction of each; the server log (log_lock_waits, "deadlock detected") names the statements: make the code take locks in the same order',
    },
  ];
}

/** Checks that could not run are said, so a clean report is never read as "all checked". */
export function findDegradedChecks(detail: PostgresDetail): Finding[] {
  return detail.degraded.map((d) => ({ severity: 'info' as const, text: `not checked: ${d.check}`, hint: d.reason }));
}
