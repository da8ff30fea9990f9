/**
 * One realistic Report per report type, built by the project's real report builders from hand-made, deterministic
 * input (fixed clock, no database, Redis or network), for the golden tests of the chat renderers.
 */
import type { QueueState } from '../../../src/celery/broker-snapshot.js';
import type { LogFileState } from '../../../src/celery/log-tail.js';
import type { Config } from '../../../src/config/load-config.js';
import type { EncodingRecord, MediaRecord } from '../../../src/encodings/queries/encoding-lookup.js';
import type { EncodingsOverview } from '../../../src/encodings/overview.js';
import { buildAlertsReport, buildSilencesReport } from '../../../src/alerts/alert-views.js';
import type { GroupState } from '../../../src/alerts/grouping.js';
import { buildNotification, type NotificationContext } from '../../../src/alerts/notification-report.js';
import { buildEscalationReport } from '../../../src/escalation/escalation-report.js';
import { buildOncallReport } from '../../../src/escalation/oncall-report.js';
import type { BlockedQuery, SessionInfo, TableMaintenance } from '../../../src/probes/postgres.js';
import type { UnitStatus } from '../../../src/probes/systemctl.js';
import { buildQueuesReport } from '../../../src/reports/celery/queues-report.js';
import { buildTasksReport } from '../../../src/reports/celery/tasks-report.js';
import { buildWorkersReport } from '../../../src/reports/celery/workers-report.js';
import { buildEncodingDetailReport } from '../../../src/reports/encodings/encoding-detail-report.js';
import { buildEncodingFailuresReportFrom } from '../../../src/reports/encodings/encoding-failures-report.js';
import { buildEncodingsReport } from '../../../src/reports/encodings/encodings-report.js';
import { buildBloatReport } from '../../../src/reports/postgres/bloat-report.js';
import { buildConnectionsReport } from '../../../src/reports/postgres/connections-report.js';
import { buildDbReport } from '../../../src/reports/postgres/db-report.js';
import { buildIndexesReport } from '../../../src/reports/postgres/indexes-report.js';
import { buildLocksReport } from '../../../src/reports/postgres/locks-report.js';
import type { Report } from '../../../src/reports/report.js';
import type { AlertRecord } from '../../../src/store/store.js';
import { rule } from '../../alerts/support.js';
import { configFromYaml, firingAlert, ROSTER_YAML } from '../../escalation/support/fixtures.js';
import { quietPostgresDetail } from '../../helpers/postgres-detail.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { testConfig } from '../../helpers/test-app.js';

export const NOW = Date.UTC(2026, 11, 4, 9, 0, 0);
const S = 1_000;
const M = 60_000;
const H = 3_600_000;
const DAY = 86_400_000;

let cachedConfig: Config | undefined;
/** The default configuration (paths come from a temp dir, which no report here shows). */
export function config(): Config {
  cachedConfig ??= testConfig(makeTempDir());
  return cachedConfig;
}

// ---------------------------------------------------------------- PostgreSQL

function blockedQuery(i: number): BlockedQuery {
  return {
    pid: 4100 + i,
    user: 'mediacms',
    application: 'uwsgi',
    query: `UPDATE files_media SET views = views + 1 WHERE id = ${1000 + i}`,
    waitSeconds: 30 + i,
    waitingFor: { lockType: 'tuple', mode: 'ExclusiveLock', relation: 'files_media' },
    blockers: [{ pid: 3999, user: 'mediacms', application: 'celery_long', state: 'idle in transaction', query: 'SELECT ... FROM files_media WHERE id = 1000 FOR UPDATE', transactionSeconds: 620, waiting: false }],
  };
}

const longQuery: SessionInfo = {
  pid: 3999,
  user: 'mediacms',
  application: 'celery_long',
  clientAddress: '10.0.0.5',
  state: 'idle in transaction',
  query: 'SELECT ... FROM files_media WHERE id = 1000 FOR UPDATE',
  durationSeconds: 600,
  transactionSeconds: 620,
  waitEvent: 'ClientRead',
};

function dbReport(): Report {
  const detail = quietPostgresDetail(NOW);
  detail.connections = { ...detail.connections, total: 97, usedPercent: 97, byState: { active: 10, idle: 86, 'idle in transaction': 1 } };
  detail.wraparound = { database: 'mediacms', xidAge: 1_800_000_000, percent: 83.8, freezeMaxAgePercent: 900, freezeMaxAge: 200_000_000, oldestTables: [{ schema: 'public', table: 'actions_mediaaction', xidAge: 1_800_000_000 }] };
  detail.sequences = [{ schema: 'public', table: 'actions_mediaaction', column: 'id', columnType: 'integer', sequence: 'actions_mediaaction_id_seq', lastValue: 2_100_000_000, maxValue: 2_147_483_647, usedPercent: 97.8 }];
  detail.stats = { ...detail.stats, tableCacheHitPercent: 91, deadlocks: 12 };
  detail.latency = { ...detail.latency, searchMs: 2_400 };
  detail.blocked = [blockedQuery(1)];
  detail.idleInTransaction = [longQuery];
  detail.oldestTransactionSeconds = 620;
  detail.degraded = [{ check: 'index suggestions', reason: 'pg_stat_statements is not installed' }];
  return buildDbReport({
    detail,
    settings: config().postgres,
    growth: [
      { label: '24 h', windowMs: DAY, bytes: 120 * 2 ** 20, spanMs: DAY },
      { label: '7 d', windowMs: 7 * DAY, bytes: 2 * 2 ** 30, spanMs: 3 * DAY },
    ],
    sizeHistory: { label: 'size', unit: 'MiB', points: Array.from({ length: 14 }, (_, i) => [NOW - (13 - i) * 12 * H, 3_000 + i * 150] as const) },
    deadlocksLastHour: 3,
    now: NOW,
  });
}

/** `locks` with `rows` waiting sessions; hundreds of them make a report over every chat limit. */
export function locksReport(rows = 3): Report {
  const blocked = Array.from({ length: rows }, (_, i) => blockedQuery(i));
  return buildLocksReport({
    database: 'mediacms',
    blocked,
    locks: [
      { pid: 3999, lockType: 'tuple', mode: 'ExclusiveLock', granted: true, target: 'files_media' },
      { pid: 3999, lockType: 'transactionid', mode: 'ExclusiveLock', granted: true, target: 'transaction 7781234' },
      ...blocked.map((b) => ({ pid: b.pid, lockType: 'tuple', mode: 'ExclusiveLock', granted: false, target: 'files_media' })),
    ],
    now: NOW,
  });
}

function connectionsReport(): Report {
  return buildConnectionsReport({
    database: 'mediacms',
    role: 'cinemata_ops',
    summary: { byState: { active: 12, idle: 70, 'idle in transaction': 3 }, total: 85, max: 100, reserved: 3, usedPercent: 85, hidden: 2 },
    sources: [
      { application: 'uwsgi', client: '10.0.0.4', user: 'mediacms', database: 'mediacms', total: 60, active: 8, idle: 52, idleInTransaction: 0, oldestSeconds: 3 * 86_400 },
      { application: 'celery_long', client: '10.0.0.5', user: 'mediacms', database: 'mediacms', total: 20, active: 3, idle: 14, idleInTransaction: 3, oldestSeconds: 7_200 },
      { application: 'psql', client: 'local', user: 'postgres', database: 'postgres', total: 5, active: 1, idle: 4, idleInTransaction: 0, oldestSeconds: null },
    ],
    idleInTransaction: [longQuery],
    longQueries: [{ ...longQuery, pid: 4321, state: 'active', application: 'uwsgi', query: 'SELECT COUNT(*) FROM files_media WHERE search @@ to_tsquery($1)', durationSeconds: 95, transactionSeconds: 95, waitEvent: null }],
    settings: config().postgres,
    now: NOW,
  });
}

function table(name: string, live: number, dead: number, flagged: boolean, vacuumedDaysAgo: number | null): TableMaintenance {
  return {
    schema: 'public',
    table: name,
    liveTuples: live,
    deadTuples: dead,
    deadPercent: live + dead === 0 ? null : (100 * dead) / (live + dead),
    flagged,
    lastVacuumAt: null,
    lastAutovacuumAt: vacuumedDaysAgo === null ? null : NOW - vacuumedDaysAgo * DAY,
    lastAnalyzeAt: null,
    lastAutoanalyzeAt: vacuumedDaysAgo === null ? null : NOW - vacuumedDaysAgo * DAY,
    modifiedSinceAnalyze: dead,
    totalBytes: (live + dead) * 512,
    autovacuumEnabled: true,
  };
}

function bloatReport(): Report {
  return buildBloatReport({
    database: 'mediacms',
    tables: {
      flaggedCount: 2,
      tables: [table('actions_mediaaction', 4_000_000, 2_500_000, true, 12), table('files_encoding', 300_000, 90_000, true, null), table('files_media', 80_000, 1_200, false, 1)],
    },
    vacuums: [{ pid: 5123, table: 'actions_mediaaction', phase: 'vacuuming indexes', scannedPercent: 64.5, indexVacuumCount: 3, runningSeconds: 2_700, autovacuum: true }],
    autovacuum: { enabled: true, values: { autovacuum: 'on', track_counts: 'on', autovacuum_vacuum_scale_factor: '0.2', autovacuum_naptime: '1min', autovacuum_max_workers: '3' } },
    thresholds: { deadTuplePercent: 20, deadTupleMinimum: 10_000 },
    now: NOW,
  });
}

function indexesReport(): Report {
  const ref = (table: string, index: string, column: string, mb: number) => ({
    schema: 'public',
    table,
    index,
    sizeBytes: mb * 2 ** 20,
    definition: `CREATE INDEX ${index} ON public.${table} USING btree (${column})`,
  });
  return buildIndexesReport({
    database: 'mediacms',
    health: {
      unused: [ref('actions_mediaaction', 'actions_mediaaction_session_key_idx', 'session_key', 180)],
      duplicate: [{ unneeded: ref('files_media', 'files_media_user_id_idx', 'user_id', 40), coveredBy: ref('files_media', 'files_media_user_id_state_idx', 'user_id, state', 60) }],
      invalid: [ref('files_encoding', 'files_encoding_status_ccnew', 'status', 12)],
    },
    missing: {
      statementsAvailable: true,
      candidates: [
        {
          schema: 'public',
          table: 'files_encoding',
          rows: 390_000,
          sequentialScans: 48_000,
          indexScans: 1_200,
          indexUsePercent: 2.4,
          suggestion: {
            column: 'media_id',
            statement: 'CREATE INDEX CONCURRENTLY files_encoding_media_id_idx ON public.files_encoding (media_id);',
            calls: 48_000,
            totalMs: 9_600_000,
            exampleQuery: 'SELECT ... FROM files_encoding WHERE media_id = $1',
          },
        },
      ],
    },
    degraded: [],
    statsResetAt: NOW - 30 * DAY,
    advice: [{ column: 'user_id', exists: true, indexes: [{ index: 'files_media_user_id_state_idx', definition: 'CREATE INDEX files_media_user_id_state_idx ON public.files_media USING btree (user_id, state)' }] }],
    unusedIndexMegabytes: 50,
    now: NOW,
  });
}

// ---------------------------------------------------------------- Celery

function queueState(queue: string, depth: number, oldestMinutes: number | null): QueueState {
  const key = queue;
  return {
    queue,
    depth,
    lists: [
      { step: 0, key, depth: Math.ceil(depth / 2) },
      { step: 3, key: `${key}\x06\x163`, depth: Math.floor(depth / 2) },
    ],
    oldest: oldestMinutes === null ? null : { task: 'files.tasks.encode_media', step: 0, enqueuedAt: NOW - oldestMinutes * M, ageSeconds: oldestMinutes * 60, atLeast: false },
    next: depth === 0 ? null : { readable: true, task: 'files.tasks.encode_media', step: 0, enqueuedAt: NOW - 5 * M, eta: null },
    sample: {
      read: Math.min(depth, 200),
      complete: depth <= 200,
      tasks: depth === 0 ? [] : [{ task: 'files.tasks.encode_media', sampled: Math.min(depth, 200), estimated: depth, share: 1 }],
      eta: { sampled: 0, estimated: 0 },
      unreadable: { sampled: 0, estimated: 0, reasons: [] },
    },
  };
}

function queuesReport(): Report {
  return buildQueuesReport({
    snapshot: {
      target: '127.0.0.1:6379/1',
      queues: [queueState('long_tasks', 340, 95), queueState('short_tasks', 0, null), queueState('whisper_tasks', 4, 3)],
      unacked: { count: 2, oldestDeliveredAt: NOW - 20 * M, oldestAgeSeconds: 1_200 },
      commands: 24,
      collectedAt: NOW,
    },
    celery: config().celery,
    now: NOW,
  });
}

function unit(name: string, state: UnitStatus['state'], subState: string, restarts: number): UnitStatus {
  return { unit: `${name}.service`, state, subState, restarts, since: NOW - 2 * H, mainPid: state === 'active' ? 2200 : null, description: `CinemataCMS ${name}` };
}

function logState(name: string, lastLineMinutes: number, line: string): LogFileState {
  return {
    path: `/home/cinemata/cinematacms/logs/${name}.log`,
    exists: true,
    sizeBytes: 12 * 2 ** 20,
    modifiedAt: NOW - lastLineMinutes * M,
    lastLineAt: NOW - lastLineMinutes * M,
    lastLine: line,
    lastDueTask: name === 'celery_beat' ? { at: NOW - lastLineMinutes * M, entry: 'clear_sessions' } : null,
    writesRotatedFile: false,
    error: null,
  };
}

function workersReport(): Report {
  return buildWorkersReport({
    workers: [
      { unit: 'celery_long', queue: 'long_tasks', status: unit('celery_long', 'active', 'running', 0), log: logState('celery_long', 1, 'Task files.tasks.encode_media[abc] succeeded in 310.2s'), queueState: queueState('long_tasks', 340, 95) },
      { unit: 'celery_short', queue: 'short_tasks', status: unit('celery_short', 'failed', 'failed', 12), log: logState('celery_short', 130, 'consumer: Cannot connect to redis://127.0.0.1:6379/1'), queueState: queueState('short_tasks', 0, null) },
      { unit: 'celery_beat', queue: null, status: unit('celery_beat', 'active', 'running', 0), log: logState('celery_beat', 2, 'Scheduler: Sending due task clear_sessions (clear_sessions)'), queueState: null },
    ],
    brokerNote: null,
    systemdNote: null,
    logsNote: null,
    config: config(),
    now: NOW,
  });
}

function tasksReport(): Report {
  const counts = { received: 0, succeeded: 0, failed: 0, retried: 0, softTimeLimit: 0 };
  return buildTasksReport({
    window: {
      from: NOW - DAY,
      to: NOW,
      tasks: [
        { ...counts, task: 'files.tasks.encode_media', received: 420, succeeded: 380, failed: 38, retried: 4, softTimeLimit: 2, p50: 210, p95: 1_400, p99: 3_100, mean: 330, max: 3_550, runtimeExact: true, failureRate: 38 / 418 },
        { ...counts, task: 'files.tasks.produce_sprite_from_video', received: 410, succeeded: 410, p50: 4.2, p95: 9.8, p99: 12, mean: 5, max: 14, runtimeExact: true, failureRate: 0 },
        { ...counts, task: 'actions.tasks.save_user_action', received: 9_800, succeeded: 9_800, p50: 0.02, p95: 0.05, p99: 0.1, mean: 0.03, max: 0.4, runtimeExact: false, failureRate: 0 },
      ],
      errors: [{ at: NOW - 40 * M, unit: 'celery_long', message: 'Task files.tasks.encode_media[abc] raised unexpected: RuntimeError', exception: 'RuntimeError: ffmpeg exited with code 1' }],
    },
    logs: [
      { unit: 'celery_long', path: '/home/cinemata/cinematacms/logs/celery_long.log', linesParsed: 41_000, bytesRead: 9 * 2 ** 20, backlogBytes: 0, event: null, error: null },
      { unit: 'celery_short', path: '/home/cinemata/cinematacms/logs/celery_short.log', linesParsed: 0, bytesRead: 0, backlogBytes: 0, event: 'missing', error: null },
    ],
    logDir: '/home/cinemata/cinematacms/logs',
    sinceMs: DAY,
    now: NOW,
  });
}

// ---------------------------------------------------------------- Encodings

function overview(overrides: Partial<EncodingsOverview> = {}): EncodingsOverview {
  return {
    now: NOW,
    current: { start: NOW - 7 * DAY, end: NOW },
    previous: { start: NOW - 14 * DAY, end: NOW - 7 * DAY },
    limits: config().encodings,
    live: { running: 2, pendingDispatched: 5, deferred: 1, deferredOldestAt: NOW - 3 * H, slotsUsed: 2, stuck: 0, stuckHoldingSlots: 0 },
    outcomes: [],
    causes: [],
    stuck: [],
    users: [],
    misleading: { total: 0, media: [] },
    throughput: [],
    ...overrides,
  };
}

const failedLog = [
  "Input #0, mov,matroska,webm, from '/home/cinemata/media_files/original/user/ana/clip.mkv':",
  '  Stream #0:0: Video: hevc (Main 10), yuv420p10le, 3840x2160',
  '[libx264 @ 0x55d0c0] 10 bit encode not supported',
  'Error initializing output stream 0:0 -- Error while opening encoder for output stream #0:0',
  'Conversion failed!',
].join('\n');

function encoding(id: number, status: string, profile: EncodingRecord['profile'], logs = ''): EncodingRecord {
  return {
    id,
    status,
    profile,
    chunk: false,
    progress: status === 'success' ? 100 : status === 'running' ? 40 : 0,
    retries: status === 'fail' ? 1 : 0,
    taskDispatched: true,
    taskId: `3f6c1a2e-0000-4000-8000-${String(id).padStart(12, '0')}`,
    tempFile: '',
    addedAt: NOW - 2 * H,
    updatedAt: status === 'running' ? NOW - 30 * S : NOW - H,
    totalRunTime: status === 'success' ? 310 : 0,
    size: status === 'success' ? '12.3MB' : '',
    logs,
  };
}

function encodingDetailReport(): Report {
  const media: MediaRecord = { id: 901, friendlyToken: 'Xa8bC2dE9', title: 'Typhoon relief in Tacloban', encodingStatus: 'fail', duration: 754, size: '2.1GB', mediaType: 'video' };
  const p720 = { id: 10, name: 'h264-720', extension: 'mp4', resolution: 720, codec: 'h264' };
  const p240 = { id: 19, name: 'h264-240', extension: 'mp4', resolution: 240, codec: 'h264' };
  return buildEncodingDetailReport({
    media,
    encodings: [encoding(5001, 'success', p240), encoding(5002, 'fail', p720, failedLog), encoding(5003, 'running', p720)],
    total: 3,
    now: NOW,
    staleHeartbeatMs: 10 * M,
  });
}

// ---------------------------------------------------------------- Alerts and escalation

const diskRule = rule({ id: 'disk-full', summary: '{{mount}} is {{value}}% full', runbook: '1. Find what grew: du -xh /srv/media | sort -h | tail.\n2. Remove old originals or grow the volume.\n3. Check that encodings resume.' });
const loadRule = rule({ id: 'load-high', metric: 'host_load1', severity: 'warning', threshold: 8, clearThreshold: 6, summary: 'load is {{value}}', topics: ['cpu'] });

function alert(fingerprint: string, mount: string, value: number, overrides: Partial<AlertRecord> = {}): AlertRecord {
  return firingAlert(NOW - 25 * M, { fingerprint, labels: { mount, host: 'media.cinemata.org' }, summary: `${mount} is ${value}% full`, value, ...overrides });
}

function group(severity: string, seq: number): GroupState {
  return { key: `disk-full|${severity}`, labels: { alertname: 'disk-full', severity }, createdAt: NOW - 25 * M, lastSentAt: seq > 0 ? NOW - 10 * M : null, nextFlushAt: NOW, seq };
}

function notificationContext(): NotificationContext {
  return { now: NOW, rules: new Map([[diskRule.id, diskRule], [loadRule.id, loadRule]]), acks: new Map(), maxAlerts: 10, flappingWindow: H };
}

const rootDisk = alert('c0ffee1234567890', '/', 96.2);
const mediaDisk = alert('beefcafe12345678', '/srv/media', 93.5);
const backupDisk = alert('deadbeef87654321', '/var/backups', 91, { severity: 'warning' });

function alertReports(): Record<string, Report> {
  const ctx = notificationContext();
  const resolved = { ...rootDisk, status: 'resolved' as const, value: 71, resolvedAt: NOW - M, updatedAt: NOW - M };
  const pending = { ...alert('0123456789abcdef', '/home', 90.4), ruleId: 'load-high', status: 'pending' as const, severity: 'warning' as const, labels: { host: 'media.cinemata.org' }, summary: 'load is 9.2', value: 9.2, firedAt: null };
  const acks = [{ fingerprint: mediaDisk.fingerprint, by: 'U0ANA123', at: NOW - 5 * M, note: 'growing the volume' }];
  const silences = [
    { id: 'sil0001', matchers: { mount: '/var/backups' }, createdBy: 'U0BEN456', comment: 'backup rotation runs tonight', startsAt: NOW - H, endsAt: NOW + 4 * H },
    { id: 'sil0002', matchers: { alertname: 'load-high', host: 'media.cinemata.org' }, createdBy: 'U0ANA123', comment: 'reindexing search', startsAt: NOW - 30 * M, endsAt: NOW + 90 * M },
  ];
  return {
    'alert-critical': buildNotification({ group: group('critical', 0), kind: 'notify', severity: 'critical', firing: [rootDisk], resolved: [], flapping: [] }, ctx),
    'alert-group': buildNotification(
      { group: group('critical', 1), kind: 'notify', severity: 'critical', firing: [rootDisk, mediaDisk, backupDisk, { ...alert('aaaabbbbccccdddd', '/var/lib/postgresql', 94) }], resolved: [], flapping: [mediaDisk] },
      { ...ctx, acks: new Map([[mediaDisk.fingerprint, acks[0]!]]) },
    ),
    'alert-resolved': buildNotification({ group: group('critical', 2), kind: 'notify', severity: 'critical', firing: [], resolved: [resolved], flapping: [] }, ctx),
    'alerts-list': buildAlertsReport({ alerts: [rootDisk, mediaDisk, backupDisk, pending], acks, silences, now: NOW }),
    silences: buildSilencesReport(silences, [rootDisk, mediaDisk, backupDisk], NOW),
  };
}

function escalationReports(): Record<string, Report> {
  const oncallConfig = configFromYaml(ROSTER_YAML);
  const now = Date.UTC(2026, 11, 4, 9, 0, 0);
  return {
    oncall: buildOncallReport({ config: oncallConfig, now, shifts: 4 }),
    escalation: buildEscalationReport({
      alert: firingAlert(now - 6 * M),
      policy: 'critical',
      step: 1,
      steps: 2,
      reason: 'primary on-call',
      nextStepAt: now + 9 * M,
      nextStepTargets: 'secondary on-call (Ben), escalation contacts (Dee, Eve)',
      runbook: diskRule.runbook,
      ack: { url: 'https://ops.cinemata.org/ack/3b9f0c7a1d', expiresAt: now + 24 * H },
      timezone: 'Asia/Manila',
      now,
    }),
  };
}

/** Every report type whose builder takes collected data, by golden file name. */
export function sampleReports(): Record<string, Report> {
  return {
    'db-critical': dbReport(),
    'db-ok': buildDbReport({ detail: quietPostgresDetail(NOW), settings: config().postgres, growth: [{ label: '24 h', windowMs: DAY, bytes: 120 * 2 ** 20, spanMs: DAY }], sizeHistory: { label: 'size', unit: 'MiB', points: [] }, deadlocksLastHour: 0, now: NOW }),
    locks: locksReport(),
    'locks-none': buildLocksReport({ database: 'mediacms', blocked: [], locks: [], now: NOW }),
    connections: connectionsReport(),
    bloat: bloatReport(),
    indexes: indexesReport(),
    queues: queuesReport(),
    workers: workersReport(),
    tasks: tasksReport(),
    'encodings-quiet': buildEncodingsReport(overview()),
    'encoding-failures-quiet': buildEncodingFailuresReportFrom(overview()),
    'encoding-detail': encodingDetailReport(),
    ...alertReports(),
    ...escalationReports(),
  };
}
