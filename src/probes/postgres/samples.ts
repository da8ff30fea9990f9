import type { Labels, Sample } from '../probe.js';
import type { PostgresDetail } from './detail.js';

/**
 * Samples for history, rules and /metrics. Labels stay bounded: connection states and cache kinds, never pids,
 * tables or query texts (those live in the detail). A check that could not run leaves its samples out rather than
 * reporting 0, so a rule never reads "no blocked queries" from a check that did not look.
 */
export function buildPostgresSamples(detail: PostgresDetail): Sample[] {
  const at = detail.collectedAt;
  const samples: Sample[] = [];
  const skipped = new Set(detail.degraded.map((d) => d.check));
  const add = (metric: string, value: number | null | undefined, labels: Labels = {}): void => {
    if (value !== null && value !== undefined && Number.isFinite(value)) samples.push({ metric, labels, value, at });
  };
  const unless = (check: string, metric: string, value: number | null | undefined): void => {
    if (!skipped.has(check)) add(metric, value);
  };

  add('postgres_up', 1);
  if (!skipped.has('connections')) {
    for (const [state, count] of Object.entries(detail.connections.byState)) add('postgres_connections', count, { state });
    add('postgres_max_connections', detail.connections.max);
    add('postgres_connections_used_percent', detail.connections.usedPercent);
  }
  unless('long-running queries', 'postgres_long_running_queries', detail.longQueries.length);
  if (!skipped.has('idle in transaction')) {
    add('postgres_idle_in_transaction_sessions', detail.idleInTransaction.length);
    add('postgres_idle_in_transaction_oldest_seconds', Math.max(0, ...detail.idleInTransaction.map((s) => s.durationSeconds)));
  }
  unless('oldest transaction', 'postgres_oldest_transaction_seconds', detail.oldestTransactionSeconds ?? 0);
  unless('blocked queries', 'postgres_blocked_queries', detail.blocked.length);
  if (!skipped.has('blocked queries')) add('postgres_blocked_oldest_seconds', Math.max(0, ...detail.blocked.map((b) => b.waitSeconds)));
  if (!skipped.has('database statistics')) {
    add('postgres_deadlocks_total', detail.stats.deadlocks);
    add('postgres_cache_hit_percent', detail.stats.tableCacheHitPercent, { kind: 'table' });
    add('postgres_cache_hit_percent', detail.stats.indexCacheHitPercent, { kind: 'index' });
    add('postgres_database_size_bytes', detail.stats.sizeBytes);
  }
  unless('dead tuples', 'postgres_dead_tuple_tables', detail.tables.flaggedCount);
  if (!skipped.has('indexes')) {
    add('postgres_unused_indexes', detail.indexes.unused.length);
    add('postgres_duplicate_indexes', detail.indexes.duplicate.length);
    add('postgres_invalid_indexes', detail.indexes.invalid.length);
  }
  unless('missing indexes', 'postgres_missing_index_tables', detail.missingIndexes.candidates.length);
  if (detail.wraparound) {
    add('postgres_xid_wraparound_percent', detail.wraparound.percent);
    add('postgres_xid_freeze_max_age_percent', detail.wraparound.freezeMaxAgePercent);
  }
  unless('sequences', 'postgres_sequence_used_max_percent', detail.sequences[0]?.usedPercent ?? 0);
  if (detail.replication) {
    add('postgres_inactive_replication_slots', detail.replication.inactiveSlots.length);
    add('postgres_replication_lag_seconds', detail.replication.lagSeconds);
  }
  unless('constraints', 'postgres_invalid_constraints', detail.invalidConstraints.length);
  add('postgres_roundtrip_seconds', detail.latency.roundtripMs / 1000);
  add('postgres_search_seconds', detail.latency.searchMs === null ? null : detail.latency.searchMs / 1000);
  return samples;
}
