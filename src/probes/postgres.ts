import type { PgClient } from '../postgres/pg-client.js';
import { collectPostgresDetail, type PostgresProbeSettings } from './postgres/collect.js';
import type { PostgresDetail } from './postgres/detail.js';
import { buildPostgresSamples } from './postgres/samples.js';
import type { Probe } from './probe.js';

export type * from './postgres/detail.js';
export type { PostgresProbeSettings } from './postgres/collect.js';

export interface PostgresProbeOptions {
  client: PgClient;
  /** The `postgres:` section of the config (thresholds that decide what is listed, the search term). */
  settings: PostgresProbeSettings;
}

/**
 * CinemataCMS's PostgreSQL, the way PgHero looks at it: connections against max_connections, long-running and
 * idle-in-transaction sessions, blocked queries and their blockers, deadlocks, cache hit ratios, size, dead
 * tuples, unused/duplicate/invalid/missing indexes (with the column to index where pg_stat_statements can tell),
 * transaction ID wraparound, sequences near overflow, replication lag and inactive slots, invalid constraints, and
 * the round trip and search latency. One read-only transaction per run. Unreachable or refusing: it throws the pg
 * client's one-line explanation (a blind spot).
 *
 * Samples (no labels unless said): postgres_up, postgres_connections{state}, postgres_max_connections,
 * postgres_connections_used_percent, postgres_long_running_queries, postgres_idle_in_transaction_sessions,
 * postgres_idle_in_transaction_oldest_seconds, postgres_oldest_transaction_seconds, postgres_blocked_queries,
 * postgres_blocked_oldest_seconds, postgres_deadlocks_total, postgres_cache_hit_percent{kind=table|index},
 * postgres_database_size_bytes, postgres_dead_tuple_tables, postgres_unused_indexes, postgres_duplicate_indexes,
 * postgres_invalid_indexes, postgres_missing_index_tables, postgres_xid_wraparound_percent,
 * postgres_xid_freeze_max_age_percent, postgres_sequence_used_max_percent, postgres_inactive_replication_slots,
 * postgres_replication_lag_seconds (replicas only), postgres_invalid_constraints, postgres_roundtrip_seconds,
 * postgres_search_seconds.
 */
export function createPostgresProbe(options: PostgresProbeOptions): Probe<PostgresDetail> {
  return {
    id: 'postgres',
    description: `PostgreSQL at ${options.client.target}: connections, locks, vacuum, indexes, wraparound, latency`,
    async collect(ctx) {
      const detail = await collectPostgresDetail(options.client, options.settings, ctx.now, ctx.signal);
      return { samples: buildPostgresSamples(detail), detail };
    },
  };
}
