import { formatDuration } from '../../config/duration.js';
import type { Config } from '../../config/load-config.js';
import type { PostgresDetail } from '../../probes/postgres.js';
import { worstSeverity, type Field, type Report, type Section, type Series } from '../report.js';
import { findDatabaseProblems } from './db-findings.js';
import { findingsSection, summarizeFindings } from './findings-section.js';
import { formatAge, formatBytes, formatCount, formatMs, formatPercent, formatTimestamp } from './format.js';
import { maintenanceTable } from './maintenance-table.js';
import { blockedTable, sessionTable } from './session-tables.js';

/** Size change over a window, from metric history; `bytes` is null when history does not reach back far enough. */
export interface SizeGrowth {
  /** e.g. `24 h`. */
  label: string;
  windowMs: number;
  bytes: number | null;
  /** How far back the compared point actually is, in ms. */
  spanMs: number;
}

export interface DbReportInput {
  detail: PostgresDetail;
  settings: Config['postgres'];
  growth: SizeGrowth[];
  /** Database size over the last days, for a chart; empty without history. */
  sizeHistory: Series;
  deadlocksLastHour: number | null;
  now: number;
}

// History may start later than the window: then the real span is said, so "+2 GiB in 24 h" is never a guess.
function describeGrowth(g: SizeGrowth): string {
  if (g.bytes === null) return `${g.label}: no history yet`;
  const span = g.spanMs < 0.9 * g.windowMs ? ` (over ${formatAge(g.spanMs / 1_000)})` : '';
  return `${g.label}: ${g.bytes >= 0 ? '+' : ''}${formatBytes(g.bytes)}${span}`;
}

function describeReplication(d: PostgresDetail): string {
  const r = d.replication;
  if (!r) return 'not checked';
  const role = r.inRecovery ? `replica, ${r.lagSeconds === null ? 'lag unknown' : `${formatAge(r.lagSeconds)} behind`}` : 'primary';
  return `${role}; ${r.inactiveSlots.length} inactive slots; ${d.invalidConstraints.length} unvalidated constraints`;
}

function overviewFields(input: DbReportInput): Field[] {
  const { detail: d, settings: s } = input;
  const c = d.connections;
  const states = Object.entries(c.byState).filter(([, n]) => n > 0).map(([state, n]) => `${n} ${state}`).join(', ');
  return [
    { label: 'server', value: `PostgreSQL ${d.serverVersion.split(' ')[0]} at ${d.target} as ${d.role}` },
    { label: 'size', value: `${formatBytes(d.stats.sizeBytes)}; growth ${input.growth.map(describeGrowth).join(', ')}` },
    { label: 'connections', value: `${c.total} of ${c.max} (${formatPercent(c.usedPercent)})${states ? `: ${states}` : ''}`, severity: c.usedPercent >= s.connections.critical ? 'critical' : c.usedPercent >= s.connections.warning ? 'warning' : 'ok' },
    { label: 'blocked queries', value: String(d.blocked.length), severity: d.blocked.length > 0 ? 'warning' : 'ok' },
    { label: 'long-running', value: `${d.longQueries.length} statements over ${formatDuration(s.longQuery)}; oldest transaction ${d.oldestTransactionSeconds === null ? 'none' : formatAge(d.oldestTransactionSeconds)}` },
    { label: 'deadlocks', value: `${formatCount(d.stats.deadlocks)} since statistics reset${input.deadlocksLastHour === null ? '' : `, ${input.deadlocksLastHour} in the last hour`}` },
    { label: 'cache hit', value: `tables ${formatPercent(d.stats.tableCacheHitPercent)}, indexes ${formatPercent(d.stats.indexCacheHitPercent)}` },
    { label: 'round trip', value: formatMs(d.latency.roundtripMs), severity: d.latency.roundtripMs >= s.latencyMs.warning ? 'warning' : 'ok' },
    { label: 'search query', value: d.latency.searchMs === null ? 'not measured' : `${formatMs(d.latency.searchMs)} (${d.latency.searchQuery}, ${d.latency.searchRows} rows)`, severity: d.latency.searchMs !== null && d.latency.searchMs >= s.searchLatencyMs.warning ? 'warning' : 'ok' },
    { label: 'wraparound', value: d.wraparound ? `${formatPercent(d.wraparound.percent)} of 2^31 used (${d.wraparound.database}), ${formatPercent(d.wraparound.freezeMaxAgePercent)} of autovacuum_freeze_max_age` : 'not checked' },
    { label: 'sequences', value: d.sequences[0] ? `fullest ${d.sequences[0].sequence} at ${formatPercent(d.sequences[0].usedPercent)}` : 'none found' },
    { label: 'replication', value: describeReplication(d) },
    { label: 'indexes', value: `${d.indexes.unused.length} unused, ${d.indexes.duplicate.length} duplicate, ${d.indexes.invalid.length} invalid; ${d.missingIndexes.candidates.length} tables missing one` },
    { label: 'statistics since', value: d.stats.statsResetAt === null ? 'never reset' : formatTimestamp(d.stats.statsResetAt) },
  ];
}

/** `db`: PostgreSQL at a glance, worst findings first, each with what to do. */
export function buildDbReport(input: DbReportInput): Report {
  const { detail, settings } = input;
  const findings = findDatabaseProblems(detail, settings, input.deadlocksLastHour);
  const sections: Section[] = [...findingsSection(findings), { title: 'Database', blocks: [{ kind: 'fields', fields: overviewFields(input) }] }];
  if (detail.blocked.length > 0) sections.push({ title: 'Blocked queries', severity: 'warning', blocks: [blockedTable(detail.blocked)] });
  if (detail.longQueries.length > 0) sections.push({ title: 'Long-running queries', blocks: [sessionTable(detail.longQueries, 'running', settings.longQuery / 1_000)] });
  if (detail.idleInTransaction.length > 0) sections.push({ title: 'Idle in transaction', blocks: [sessionTable(detail.idleInTransaction, 'idle', settings.idleInTransaction / 1_000)] });
  const flagged = detail.tables.tables.filter((t) => t.flagged);
  if (flagged.length > 0) sections.push({ title: 'Tables with many dead tuples', severity: 'warning', blocks: [maintenanceTable(flagged, input.now)] });
  if (input.sizeHistory.points.length > 1) sections.push({ title: 'Database size', blocks: [{ kind: 'chart', series: [input.sizeHistory] }] });
  return {
    title: `PostgreSQL ${detail.database}`,
    severity: worstSeverity(findings.map((f) => f.severity)),
    summary: summarizeFindings(findings, `All checks pass: ${formatBytes(detail.stats.sizeBytes)}, ${detail.connections.total} connections, round trip ${formatMs(detail.latency.roundtripMs)}.`),
    sections,
    actions: [
      { id: 'locks', label: 'Locks', command: 'locks' },
      { id: 'connections', label: 'Connections', command: 'connections' },
      { id: 'bloat', label: 'Dead tuples', command: 'bloat' },
      { id: 'indexes', label: 'Indexes', command: 'indexes' },
    ],
    footnotes: [
      `Thresholds (postgres: in cinemata-ops.yaml): long query ${formatDuration(settings.longQuery)}, idle in transaction ${formatDuration(settings.idleInTransaction)}, connections ${settings.connections.warning}/${settings.connections.critical}%, dead tuples ${settings.deadTuplePercent}% and ${formatCount(settings.deadTupleMinimum)}, cache hit ${settings.cacheHitPercent}%, round trip ${settings.latencyMs.warning}/${settings.latencyMs.critical} ms, search ${settings.searchLatencyMs.warning}/${settings.searchLatencyMs.critical} ms.`,
      'The bot only reads: statements shown here (VACUUM, CREATE INDEX, pg_terminate_backend) are advice for an operator.',
    ],
    generatedAt: input.now,
  };
}
