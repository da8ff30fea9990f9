/**
 * Every metric a rule may name: what it measures, which probe emits it and with which labels. The validator
 * rejects a rule on a metric not listed here (a typo would otherwise be a rule that never fires), and the engine
 * uses `probe` to tell "the value is fine" from "the bot cannot see it" (a failing probe holds its alerts and
 * mutes them behind the blind-spot alert).
 *
 * Metrics marked `planned` are written by probes still being built; their names are the contract.
 */
export type MetricUnit = 'percent' | 'seconds' | 'bytes' | 'count' | 'ratio' | 'days' | 'boolean';

export interface CatalogueEntry {
  /** Id of the probe that emits it (`bot` for series the engine makes itself). */
  probe: string;
  /** Label names its series carry. */
  labels: readonly string[];
  unit: MetricUnit;
  help: string;
  planned?: boolean | undefined;
}

const host = (unit: MetricUnit, help: string, labels: readonly string[] = []): CatalogueEntry => ({ probe: 'host', labels, unit, help });
const planned = (probe: string, unit: MetricUnit, help: string, labels: readonly string[] = []): CatalogueEntry => ({
  probe,
  labels,
  unit,
  help,
  planned: true,
});

export const METRIC_CATALOGUE: Readonly<Record<string, CatalogueEntry>> = {
  host_cpu_percent: host('percent', 'CPU busy, all cores'),
  host_cpu_core_percent: host('percent', 'CPU busy per core', ['core']),
  host_cpu_cores: host('count', 'logical CPU cores'),
  host_load1: host('ratio', '1-minute load average'),
  host_load5: host('ratio', '5-minute load average'),
  host_load15: host('ratio', '15-minute load average'),
  host_memory_used_percent: host('percent', 'memory used (total − available)'),
  host_memory_available_bytes: host('bytes', 'memory available'),
  host_swap_used_percent: host('percent', 'swap used'),
  host_filesystem_used_percent: host('percent', 'filesystem space used', ['mount']),
  host_filesystem_free_bytes: host('bytes', 'filesystem space free', ['mount']),
  host_filesystem_inodes_used_percent: host('percent', 'filesystem inodes used', ['mount']),
  host_uptime_seconds: host('seconds', 'host uptime'),
  service_up: { probe: 'services', labels: ['unit'], unit: 'boolean', help: '1 when the systemd unit is active' },
  service_failed: { probe: 'services', labels: ['unit'], unit: 'boolean', help: '1 when systemd marks the unit failed' },
  service_restarts_total: { probe: 'services', labels: ['unit'], unit: 'count', help: 'automatic restarts of the unit (NRestarts)' },

  postgres_up: planned('postgres', 'boolean', '1 when PostgreSQL answers'),
  postgres_connections_used_percent: planned('postgres', 'percent', 'connections as a share of max_connections'),
  postgres_long_running_queries: planned('postgres', 'count', 'statements running longer than postgres.longQuery'),
  postgres_idle_in_transaction_oldest_seconds: planned('postgres', 'seconds', 'oldest idle-in-transaction session'),
  postgres_blocked_queries: planned('postgres', 'count', 'sessions waiting on a lock'),
  postgres_roundtrip_seconds: planned('postgres', 'seconds', 'round trip of SELECT 1'),
  postgres_search_seconds: planned('postgres', 'seconds', 'the /api/v1/search query'),
  postgres_xid_wraparound_percent: planned('postgres', 'percent', 'transaction ids used towards wraparound'),
  postgres_dead_tuple_tables: planned('postgres', 'count', 'tables past the dead-tuple thresholds'),

  celery_queue_depth: planned('celery', 'count', 'messages waiting in a queue (all priorities)', ['queue']),
  celery_queue_oldest_age_seconds: planned('celery', 'seconds', 'age of the oldest waiting message', ['queue']),
  celery_broker_up: planned('celery', 'boolean', '1 when the Redis broker answers'),
  celery_worker_up: planned('celery', 'boolean', '1 when the worker unit answers', ['unit']),
  celery_beat_last_seen_seconds: planned('celery', 'seconds', 'age of the last line in the beat log'),

  encodings_stuck: planned('encodings', 'count', 'running encodings whose heartbeat is stale'),
  encodings_slots_used_percent: planned('encodings', 'percent', 'dispatched encodings as a share of MAX_ENCODING_QUEUE_DEPTH'),
  encodings_failure_percent: planned('encodings', 'percent', 'failed share of finished encodings in the window'),
  encodings_deferred_oldest_age_seconds: planned('encodings', 'seconds', 'oldest encoding waiting for a slot'),

  http_5xx_percent: planned('nginx', 'percent', '5xx responses as a share of requests', ['route']),
  http_p95_seconds: planned('nginx', 'seconds', '95th percentile response time', ['route']),
  tls_expiry_days: planned('http', 'days', 'days until the certificate expires', ['host']),
  errors_new_groups: planned('logs', 'count', 'error groups first seen in the last window'),

  probe_up: { probe: 'bot', labels: ['probe'], unit: 'boolean', help: '1 when the last run of the probe succeeded (made by the engine)' },
};

export function catalogueEntry(metric: string): CatalogueEntry | undefined {
  return Object.hasOwn(METRIC_CATALOGUE, metric) ? METRIC_CATALOGUE[metric] : undefined;
}

export function catalogueMetrics(): string[] {
  return Object.keys(METRIC_CATALOGUE).sort();
}
