import type { FileConfig } from '../config/file-schema.js';
import type { AlertSeverity, Comparator, LabelMatcher, Rule, RuleTransform } from './rule.js';
import { RUNBOOKS } from './runbooks.js';

/** The parts of the configuration the default thresholds come from, so one setting drives `health` and alerts. */
export type RuleConfig = Pick<FileConfig, 'thresholds' | 'postgres' | 'celery' | 'encodings'>;

/**
 * A default rule with its threshold read from the configuration. `clear` derives the clear threshold from the
 * threshold, so a user who overrides only `threshold` keeps a sensible hysteresis.
 */
export interface DefaultRuleSpec {
  id: string;
  metric: string;
  matchers?: Readonly<Record<string, LabelMatcher>> | undefined;
  transform?: RuleTransform | undefined;
  comparator: Comparator;
  threshold: number | ((config: RuleConfig) => number);
  clear?: ((threshold: number) => number) | undefined;
  for: number;
  severity: AlertSeverity;
  /** Shared by a warning rule and its critical twin, so the critical one mutes the warning. */
  check: string;
  summary: string;
  topic: keyof typeof RUNBOOKS;
  /** Further topics for `runbook <topic>`. */
  topics?: readonly string[] | undefined;
}

const S = 1_000;
const M = 60 * S;
const H = 60 * M;
const minus = (gap: number) => (threshold: number) => Math.max(0, threshold - gap);
const times = (factor: number) => (threshold: number) => threshold * factor;
const plus = (gap: number) => (threshold: number) => threshold + gap;

/** Two rules, warning and critical, on one check. */
function pair(
  base: Omit<DefaultRuleSpec, 'id' | 'severity' | 'threshold' | 'for'> & { id: string },
  levels: { warning: (c: RuleConfig) => number; critical: (c: RuleConfig) => number; warningFor: number; criticalFor: number },
): DefaultRuleSpec[] {
  return [
    { ...base, id: `${base.id}-warning`, severity: 'warning', threshold: levels.warning, for: levels.warningFor },
    { ...base, id: `${base.id}-critical`, severity: 'critical', threshold: levels.critical, for: levels.criticalFor },
  ];
}

const SEARCH_AND_LISTING: LabelMatcher = { oneOf: ['/api/v1/search', '/api/v1/media'] };

/**
 * The shipped rules. Durations follow the tools the reference surveyed (awesome-prometheus-alerts, node-mixin,
 * Netdata, pganalyze, the celery-exporter mixin); every one is at least 1 minute, so a blip never pages and the
 * 30 s group wait has passed by the time an alert fires.
 */
export const DEFAULT_RULE_SPECS: readonly DefaultRuleSpec[] = [
  ...pair(
    { id: 'cpu', metric: 'host_cpu_percent', comparator: '>', clear: minus(10), check: 'cpu', summary: 'CPU {{value}}% busy', topic: 'cpu' },
    { warning: (c) => c.thresholds.cpu.warning, critical: (c) => c.thresholds.cpu.critical, warningFor: 10 * M, criticalFor: 10 * M },
  ),
  ...pair(
    { id: 'memory', metric: 'host_memory_used_percent', comparator: '>', clear: minus(5), check: 'memory', summary: 'memory {{value}}% used', topic: 'memory' },
    { warning: (c) => c.thresholds.memory.warning, critical: (c) => c.thresholds.memory.critical, warningFor: 5 * M, criticalFor: 2 * M },
  ),
  ...pair(
    { id: 'swap', metric: 'host_swap_used_percent', comparator: '>', clear: minus(10), check: 'swap', summary: 'swap {{value}}% used', topic: 'memory' },
    { warning: (c) => c.thresholds.swap.warning, critical: (c) => c.thresholds.swap.critical, warningFor: 10 * M, criticalFor: 5 * M },
  ),
  ...pair(
    { id: 'disk', metric: 'host_filesystem_used_percent', comparator: '>', clear: minus(5), check: 'disk', summary: '{{mount}} is {{value}}% full', topic: 'disk' },
    { warning: (c) => c.thresholds.disk.warning, critical: (c) => c.thresholds.disk.critical, warningFor: 5 * M, criticalFor: 2 * M },
  ),
  {
    id: 'disk-predicted-full',
    metric: 'host_filesystem_used_percent',
    transform: { kind: 'predict', window: 6 * H, horizon: 24 * H, onlyAbove: 50 },
    comparator: '>=',
    threshold: 100,
    for: 30 * M,
    severity: 'warning',
    check: 'disk-predicted-full',
    summary: '{{mount}} will be full in about {{eta}} at the rate of the last 6 h (now {{current}}% used)',
    topic: 'disk',
  },
  ...pair(
    {
      id: 'inodes',
      metric: 'host_filesystem_inodes_used_percent',
      comparator: '>',
      clear: minus(5),
      check: 'inodes',
      summary: '{{mount}} has used {{value}}% of its inodes',
      topic: 'inodes',
    },
    { warning: (c) => c.thresholds.inodes.warning, critical: (c) => c.thresholds.inodes.critical, warningFor: 5 * M, criticalFor: 2 * M },
  ),
  ...pair(
    {
      id: 'load',
      metric: 'host_load5',
      transform: { kind: 'ratio', divideBy: 'host_cpu_cores' },
      comparator: '>',
      clear: times(0.85),
      check: 'load',
      summary: '5-minute load is {{value}} per core',
      topic: 'load',
    },
    { warning: (c) => c.thresholds.loadPerCore.warning, critical: (c) => c.thresholds.loadPerCore.critical, warningFor: 15 * M, criticalFor: 10 * M },
  ),
  {
    id: 'service-down',
    metric: 'service_up',
    comparator: '==',
    threshold: 0,
    for: M,
    severity: 'critical',
    check: 'service-down',
    summary: '{{unit}} is not running',
    topic: 'service',
    topics: ['celery-restart'],
  },
  ...pair(
    {
      id: 'service-restarting',
      metric: 'service_restarts_total',
      transform: { kind: 'increase', window: H },
      comparator: '>=',
      check: 'service-restarting',
      summary: '{{unit}} restarted {{value}} times in the last hour',
      topic: 'service',
    },
    { warning: (c) => c.thresholds.serviceRestarts.warning, critical: (c) => c.thresholds.serviceRestarts.critical, warningFor: M, criticalFor: M },
  ),
  {
    id: 'probe-failing',
    metric: 'probe_up',
    comparator: '==',
    threshold: 0,
    for: M,
    severity: 'warning',
    check: 'probe-failing',
    summary: 'blind spot: the {{probe}} probe is failing ({{error}})',
    topic: 'blind-spot',
  },

  {
    id: 'postgres-down',
    metric: 'postgres_up',
    comparator: '==',
    threshold: 0,
    for: M,
    severity: 'critical',
    check: 'postgres-down',
    summary: 'PostgreSQL does not answer',
    topic: 'postgres',
  },
  ...pair(
    {
      id: 'postgres-latency',
      metric: 'postgres_roundtrip_seconds',
      comparator: '>',
      clear: times(0.8),
      check: 'postgres-latency',
      summary: 'database round trip takes {{value}} s',
      topic: 'postgres-latency',
    },
    { warning: (c) => c.postgres.latencyMs.warning / 1000, critical: (c) => c.postgres.latencyMs.critical / 1000, warningFor: 5 * M, criticalFor: 2 * M },
  ),
  ...pair(
    {
      id: 'postgres-search-slow',
      metric: 'postgres_search_seconds',
      comparator: '>',
      clear: times(0.8),
      check: 'postgres-search-slow',
      summary: 'the search query takes {{value}} s',
      topic: 'postgres-latency',
    },
    {
      warning: (c) => c.postgres.searchLatencyMs.warning / 1000,
      critical: (c) => c.postgres.searchLatencyMs.critical / 1000,
      warningFor: 10 * M,
      criticalFor: 5 * M,
    },
  ),
  ...pair(
    {
      id: 'postgres-connections',
      metric: 'postgres_connections_used_percent',
      comparator: '>',
      clear: minus(10),
      check: 'postgres-connections',
      summary: '{{value}}% of max_connections in use',
      topic: 'postgres-connections',
    },
    { warning: (c) => c.postgres.connections.warning, critical: (c) => c.postgres.connections.critical, warningFor: 2 * M, criticalFor: 2 * M },
  ),
  {
    id: 'postgres-blocked-queries',
    metric: 'postgres_blocked_queries',
    comparator: '>=',
    threshold: 3,
    clear: () => 0,
    for: 5 * M,
    severity: 'warning',
    check: 'postgres-blocked-queries',
    summary: '{{value}} queries are waiting on a lock',
    topic: 'postgres-locks',
  },
  {
    id: 'postgres-long-queries',
    metric: 'postgres_long_running_queries',
    comparator: '>',
    threshold: 0,
    for: 5 * M,
    severity: 'warning',
    check: 'postgres-long-queries',
    summary: '{{value}} queries have been running for over a minute',
    topic: 'postgres-locks',
  },
  {
    id: 'postgres-long-transaction',
    metric: 'postgres_idle_in_transaction_oldest_seconds',
    comparator: '>',
    threshold: (c) => c.postgres.idleInTransaction / 1000,
    for: M,
    severity: 'warning',
    check: 'postgres-long-transaction',
    summary: 'a session has been idle in a transaction for {{duration}}',
    topic: 'postgres-locks',
  },
  ...pair(
    {
      id: 'postgres-xid-wraparound',
      metric: 'postgres_xid_wraparound_percent',
      comparator: '>',
      clear: minus(5),
      check: 'postgres-xid-wraparound',
      summary: '{{value}}% of transaction ids used towards wraparound',
      topic: 'postgres-locks',
    },
    { warning: () => 50, critical: () => 80, warningFor: 10 * M, criticalFor: 10 * M },
  ),
  {
    id: 'postgres-dead-tuples',
    metric: 'postgres_dead_tuple_tables',
    comparator: '>',
    threshold: 0,
    for: H,
    severity: 'info',
    check: 'postgres-dead-tuples',
    summary: '{{value}} tables need a VACUUM (dead tuples past the threshold)',
    topic: 'postgres-latency',
  },

  {
    id: 'celery-broker-down',
    metric: 'celery_broker_up',
    comparator: '==',
    threshold: 0,
    for: M,
    severity: 'critical',
    check: 'celery-broker-down',
    summary: 'the Celery broker (Redis) does not answer',
    topic: 'celery',
  },
  ...pair(
    {
      id: 'celery-queue-depth',
      metric: 'celery_queue_depth',
      comparator: '>',
      clear: times(0.8),
      check: 'celery-queue-depth',
      summary: '{{value}} messages waiting in {{queue}}',
      topic: 'celery-queue',
    },
    { warning: (c) => c.celery.depth.warning, critical: (c) => c.celery.depth.critical, warningFor: 10 * M, criticalFor: 5 * M },
  ),
  ...pair(
    {
      id: 'celery-queue-wait',
      metric: 'celery_queue_oldest_age_seconds',
      comparator: '>',
      clear: times(0.8),
      check: 'celery-queue-wait',
      summary: 'the oldest message in {{queue}} has waited {{duration}}',
      topic: 'celery-queue',
    },
    { warning: (c) => c.celery.oldestWaitSeconds.warning, critical: (c) => c.celery.oldestWaitSeconds.critical, warningFor: M, criticalFor: M },
  ),
  {
    id: 'celery-worker-down',
    metric: 'celery_worker_up',
    comparator: '==',
    threshold: 0,
    for: 2 * M,
    severity: 'critical',
    check: 'celery-worker-down',
    summary: 'Celery worker {{unit}} does not answer',
    topic: 'celery-restart',
    topics: ['celery'],
  },
  {
    id: 'celery-beat-stale',
    metric: 'celery_beat_last_seen_seconds',
    comparator: '>',
    threshold: (c) => c.celery.beatStaleAfter / 1000,
    for: M,
    severity: 'warning',
    check: 'celery-beat-stale',
    summary: 'Celery beat has been silent for {{duration}}',
    topic: 'celery-beat',
  },

  {
    id: 'encodings-stuck',
    metric: 'encodings_stuck',
    comparator: '>',
    threshold: 0,
    for: 5 * M,
    severity: 'warning',
    check: 'encodings-stuck',
    summary: '{{value}} encodings are stuck (no heartbeat)',
    topic: 'encodings',
  },
  {
    id: 'encodings-slots-full',
    metric: 'encodings_slots_used_percent',
    comparator: '>=',
    threshold: 100,
    clear: () => 90,
    for: 15 * M,
    severity: 'warning',
    check: 'encodings-slots',
    summary: 'all encoding slots are taken ({{value}}% of MAX_ENCODING_QUEUE_DEPTH)',
    topic: 'encodings',
  },
  {
    id: 'encodings-starved',
    metric: 'encodings_deferred_oldest_age_seconds',
    comparator: '>',
    threshold: 3_600,
    clear: () => 1_800,
    for: 5 * M,
    severity: 'warning',
    check: 'encodings-starved',
    summary: 'an encoding has waited {{duration}} for a slot',
    topic: 'encodings',
  },
  ...pair(
    {
      id: 'encodings-failing',
      metric: 'encodings_failure_percent',
      comparator: '>',
      clear: times(0.7),
      check: 'encodings-failing',
      summary: '{{value}}% of recent encodings failed',
      topic: 'encodings-failed',
    },
    { warning: (c) => c.encodings.failurePercent.warning, critical: (c) => c.encodings.failurePercent.critical, warningFor: 15 * M, criticalFor: 15 * M },
  ),

  ...pair(
    {
      id: 'http-5xx',
      metric: 'http_5xx_percent',
      matchers: { route: SEARCH_AND_LISTING },
      comparator: '>',
      clear: times(0.5),
      check: 'http-5xx',
      summary: '{{value}}% of {{route}} requests fail with 5xx',
      topic: 'http',
      topics: ['rollback'],
    },
    { warning: () => 5, critical: () => 20, warningFor: 5 * M, criticalFor: 2 * M },
  ),
  ...pair(
    {
      id: 'http-slow',
      metric: 'http_p95_seconds',
      matchers: { route: SEARCH_AND_LISTING },
      comparator: '>',
      clear: times(0.8),
      check: 'http-slow',
      summary: '95% of {{route}} requests take up to {{value}} s',
      topic: 'http',
    },
    { warning: () => 1, critical: () => 3, warningFor: 10 * M, criticalFor: 5 * M },
  ),
  ...pair(
    {
      id: 'tls-expiry',
      metric: 'tls_expiry_days',
      comparator: '<',
      clear: plus(1),
      check: 'tls-expiry',
      summary: 'the certificate of {{host}} expires in {{value}} days',
      topic: 'tls',
    },
    { warning: () => 14, critical: () => 7, warningFor: M, criticalFor: M },
  ),
  {
    id: 'errors-new',
    metric: 'errors_new_groups',
    comparator: '>',
    threshold: 0,
    for: 0,
    severity: 'info',
    check: 'errors-new',
    summary: '{{value}} new kinds of error in the logs',
    topic: 'errors',
  },
];

export const DEFAULT_RULE_IDS: readonly string[] = DEFAULT_RULE_SPECS.map((spec) => spec.id);

export function defaultRuleSpec(id: string): DefaultRuleSpec | undefined {
  return DEFAULT_RULE_SPECS.find((spec) => spec.id === id);
}

/** The default set with thresholds from the configuration. */
export function defaultRules(config: RuleConfig): Rule[] {
  return DEFAULT_RULE_SPECS.map((spec) => materialize(spec, config));
}

export function materialize(spec: DefaultRuleSpec, config: RuleConfig): Rule {
  const threshold = typeof spec.threshold === 'function' ? spec.threshold(config) : spec.threshold;
  return {
    id: spec.id,
    metric: spec.metric,
    matchers: spec.matchers ?? {},
    transform: spec.transform ?? { kind: 'value' },
    comparator: spec.comparator,
    threshold: round(threshold),
    clearThreshold: spec.clear === undefined ? undefined : round(spec.clear(threshold)),
    for: spec.for,
    severity: spec.severity,
    labels: { check: spec.check },
    summary: spec.summary,
    runbook: RUNBOOKS[spec.topic]?.text ?? '',
    topics: [spec.topic, ...(spec.topics ?? [])],
  };
}

// 0.1 * 0.8 is 0.08000000000000002; thresholds are shown to people.
function round(value: number): number {
  return Number(value.toPrecision(12));
}
