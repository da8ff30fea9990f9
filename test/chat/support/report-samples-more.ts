/**
 * More report types for the golden tests of the chat renderers: the pg_stat_statements and EXPLAIN reports built by
 * their real builders from hand-made audit runs and plans, and the alert commands run against a real SQLite store
 * in a temp dir. Fixed clock, no database, Redis or network.
 */
import { join } from 'node:path';
import { acknowledge, createSilence, endSilence, showAlerts, showRunbook } from '../../../src/alerts/alert-actions.js';
import type { GroupState } from '../../../src/alerts/grouping.js';
import { buildOverview, type NotificationPart } from '../../../src/alerts/notification-report.js';
import type { AppServices } from '../../../src/dispatch/services.js';
import { findExplainTarget, type ExplainTarget } from '../../../src/postgres/explain/explain-targets.js';
import { summarizePlan, type ExplainOutput } from '../../../src/postgres/explain/plan-summary.js';
import type { ExplainRun } from '../../../src/postgres/explain/run-explain.js';
import type { StatementsAuditRun } from '../../../src/postgres/statements/run-statements-audit.js';
import { renderQueryAuditReport } from '../../../src/reports/query-audit/query-audit-report.js';
import { renderQueryLogAuditReport } from '../../../src/reports/query-audit/query-log-audit-report.js';
import type { StatementStat } from '../../../src/postgres/statements/statement-stats.js';
import { buildExplainReport } from '../../../src/reports/query-audit/explain-report.js';
import type { ReportContext } from '../../../src/reports/query-audit/run-audit.js';
import { buildSlowQueriesReport } from '../../../src/reports/query-audit/slow-queries-report.js';
import type { Report } from '../../../src/reports/report.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import type { AlertRecord } from '../../../src/store/store.js';
import { firingAlert } from '../../escalation/support/fixtures.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { config, NOW } from './report-samples.js';

const M = 60_000;
const H = 3_600_000;
const DAY = 86_400_000;

/** The builders below read only config and the clock; services are for the collectors, which are not called. */
function reportContext(): ReportContext {
  return { config: config(), services: {} as AppServices, now: () => NOW };
}

// ---------------------------------------------------------------- pg_stat_statements

function stat(queryid: string, text: string, calls: number, totalMs: number, rows: number, hit: number, read: number, flags: Partial<Pick<StatementStat, 'isNew' | 'regression' | 'slow' | 'toplevel'>> = {}): StatementStat {
  return {
    key: `10:16384:${queryid}:t`,
    queryid,
    userid: 10,
    toplevel: true,
    text,
    calls,
    totalMs,
    meanMs: totalMs / calls,
    rows,
    rowsPerCall: rows / calls,
    hitPercent: hit + read > 0 ? (100 * hit) / (hit + read) : null,
    sharedHit: hit,
    sharedRead: read,
    tempWritten: 0,
    isNew: false,
    regression: undefined,
    slow: false,
    ...flags,
  };
}

function statementsRun(): StatementsAuditRun {
  const statements = [
    stat(
      '-4411782301938475521',
      'SELECT COUNT(*) AS "__count" FROM "files_media" WHERE ("files_media"."is_reviewed" AND "files_media"."state" = $1 AND "files_media"."search" @@ to_tsquery($2))',
      1_840,
      1_840 * 310,
      1_840,
      9_200_000,
      410_000,
      { slow: true, regression: { previousMeanMs: 120, previousCalls: 1_700, increasePercent: 158 } },
    ),
    stat(
      '7723019948812033412',
      'SELECT "files_media"."id", "files_media"."title" FROM "files_media" WHERE ("files_media"."encoding_status" = $1 AND "files_media"."is_reviewed" AND "files_media"."state" = $2) ORDER BY "files_media"."add_date" DESC LIMIT $3',
      52_000,
      52_000 * 4.1,
      52_000 * 50,
      31_000_000,
      12_000,
    ),
    stat('3301847720019384756', 'UPDATE "files_media" SET "views" = ("files_media"."views" + $1) WHERE "files_media"."id" = $2', 96_000, 96_000 * 0.9, 96_000, 1_900_000, 800),
    stat(
      '-9012238847561029384',
      'SELECT "actions_mediaaction"."id" FROM "actions_mediaaction" WHERE ("actions_mediaaction"."remote_ip" = $1 AND "actions_mediaaction"."media_id" = $2) LIMIT $3',
      4_300,
      4_300 * 18,
      4_300,
      1_100_000,
      640_000,
      { isNew: true },
    ),
  ];
  const totalMs = statements.reduce((sum, s) => sum + s.totalMs, 0);
  return {
    statements,
    own: { statements: 6, calls: 48, totalMs: 310 },
    totals: { statements: statements.length, calls: statements.reduce((sum, s) => sum + s.calls, 0), totalMs },
    resetInside: false,
    restarted: 0,
    regressionMinCalls: 10,
    disappeared: [{ queryid: '5521904477120398811', text: 'SELECT "files_tag"."title" FROM "files_tag" ORDER BY "files_tag"."media_count" DESC LIMIT $1' }],
    window: { from: NOW - DAY, to: NOW, basis: 'snapshot', requestedMs: DAY },
    previous: { from: NOW - 2 * DAY, to: NOW - DAY },
    evicted: 0,
    hidden: 0,
    recorded: true,
    snapshotCount: 30,
  };
}

function slowQueriesReport(): Report {
  return buildSlowQueriesReport(statementsRun(), reportContext(), { limit: 10, sinceMs: DAY, by: 'total' });
}

// ---------------------------------------------------------------- EXPLAIN

/** What EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) gives for the search page when the GIN index is missing. */
const SEARCH_PLAN: ExplainOutput = {
  Plan: {
    'Node Type': 'Limit',
    'Plan Rows': 50,
    'Actual Rows': 50,
    'Actual Loops': 1,
    'Actual Total Time': 1_912.4,
    'Shared Hit Blocks': 18_400,
    'Shared Read Blocks': 42_100,
    Plans: [
      {
        'Node Type': 'Sort',
        'Plan Rows': 120,
        'Actual Rows': 50,
        'Actual Loops': 1,
        'Actual Total Time': 1_912.3,
        'Sort Method': 'top-N heapsort',
        'Sort Space Type': 'Memory',
        'Sort Space Used': 120,
        Plans: [
          {
            'Node Type': 'Seq Scan',
            'Relation Name': 'files_media',
            'Plan Rows': 120,
            'Actual Rows': 2_310,
            'Actual Loops': 1,
            'Actual Total Time': 1_905.8,
            'Rows Removed by Filter': 81_690,
            'Shared Hit Blocks': 18_400,
            'Shared Read Blocks': 42_100,
          },
        ],
      },
    ],
  },
  'Planning Time': 1.8,
  'Execution Time': 1_912.9,
  Planning: { 'Shared Hit Blocks': 210, 'Shared Read Blocks': 4 },
};

function explainReport(): Report {
  const target = findExplainTarget('search') as ExplainTarget;
  const statement = target.statements[0];
  if (statement === undefined) throw new Error('the search target has no statement');
  const run: ExplainRun = {
    target,
    tsquery: "'climate':*",
    textSearchConfig: 'pg_catalog.english',
    media: undefined,
    statements: [{ statement, summary: summarizePlan(SEARCH_PLAN) }],
    tables: new Map([['files_media', { relation: 'files_media', estimatedRows: 84_000, lastAnalyzedAt: NOW - 40 * DAY, modifiedSinceAnalyze: 31_000 }]]),
    existingIndexes: new Set(),
  };
  return buildExplainReport(run, reportContext(), 'climate');
}

// ---------------------------------------------------------------- Alert commands against a real store

const HOST = 'media.cinemata.org';

function diskAlert(fingerprint: string, mount: string, value: number, overrides: Partial<AlertRecord> = {}): AlertRecord {
  return firingAlert(NOW - 25 * M, { fingerprint, ruleId: 'disk-critical', labels: { mount, host: HOST }, summary: `${mount} is ${value}% full`, value, ...overrides });
}

const rootDisk = diskAlert('c0ffee1234567890', '/', 96.2);
const mediaDisk = diskAlert('beefcafe12345678', '/srv/media', 93.5);
const loadAlert = firingAlert(NOW - 12 * M, { fingerprint: '0123456789abcdef', ruleId: 'load-warning', severity: 'warning', labels: { host: HOST }, summary: 'load is 9.2', value: 9.2 });
const oldDisk = diskAlert('feedface00000001', '/var/backups', 71, { status: 'resolved', resolvedAt: NOW - 2 * DAY, updatedAt: NOW - 2 * DAY, firedAt: NOW - 3 * DAY, startsAt: NOW - 3 * DAY });

/** The id createSilence draws at random, replaced so the golden files stay put. */
const SILENCE_ID = 'a1b2c3d4';

function storeReports(): Record<string, Report> {
  const store = openSqliteStore(join(makeTempDir(), 's.sqlite'));
  try {
    for (const alert of [rootDisk, mediaDisk, loadAlert, oldDisk]) store.upsertAlert(alert);
    store.putAck({ fingerprint: mediaDisk.fingerprint, by: 'slack:U0ANA123', at: NOW - 5 * M, note: 'growing the volume' });
    store.addSilence({ id: 'sil0002', matchers: { alertname: 'load-warning', host: HOST }, createdBy: 'slack:U0ANA123', comment: 'reindexing search', startsAt: NOW - 30 * M, endsAt: NOW + 90 * M });
    const cfg = config();
    const actor = { id: 'slack:U0BEN456', now: NOW };
    const reports: Record<string, Report> = {
      alerts: showAlerts(store, cfg, NOW),
      'alert-detail': showAlerts(store, cfg, NOW, rootDisk.fingerprint.slice(0, 8)),
      'alert-detail-acked': showAlerts(store, cfg, NOW, mediaDisk.fingerprint.slice(0, 8)),
      runbooks: showRunbook(store, cfg, NOW),
      'runbook-topic': showRunbook(store, cfg, NOW, 'disk'),
      'runbook-rule': showRunbook(store, cfg, NOW, 'service-down'),
      'runbook-alert': showRunbook(store, cfg, NOW, rootDisk.fingerprint.slice(0, 8)),
      ack: acknowledge(store, rootDisk.fingerprint.slice(0, 8), { all: false, note: 'looking at it' }, actor),
      'ack-already': acknowledge(store, 'disk-critical', { all: true, note: '' }, actor),
    };
    const silenced = createSilence(store, { matcher: 'mount=/srv/media', durationMs: 2 * H, reason: 'resizing the volume', maxMs: 30 * DAY }, actor);
    const drawn = store.listActiveSilences(NOW).find((s) => s.comment === 'resizing the volume')?.id;
    if (drawn === undefined) throw new Error('createSilence stored no silence');
    reports.silence = JSON.parse(JSON.stringify(silenced).replaceAll(drawn, SILENCE_ID)) as Report;
    reports.unsilence = endSilence(store, 'sil0002', actor);
    return reports;
  } finally {
    store.close();
  }
}

// ---------------------------------------------------------------- Alert overview (storm fold)

function group(ruleId: string, severity: string): GroupState {
  return { key: `${ruleId}|${severity}`, labels: { alertname: ruleId, severity }, createdAt: NOW - 25 * M, lastSentAt: null, nextFlushAt: NOW, seq: 0 };
}

function overviewReport(): Report {
  const resolvedLoad = { ...loadAlert, status: 'resolved' as const, resolvedAt: NOW - M };
  const parts: NotificationPart[] = [
    { group: group('disk-critical', 'critical'), kind: 'notify', severity: 'critical', firing: [rootDisk, mediaDisk], resolved: [], flapping: [] },
    { group: group('load-warning', 'warning'), kind: 'notify', severity: 'warning', firing: [], resolved: [resolvedLoad], flapping: [] },
    {
      group: group('service-down', 'critical'),
      kind: 'notify',
      severity: 'critical',
      firing: [firingAlert(NOW - 3 * M, { fingerprint: '9999aaaabbbbcccc', ruleId: 'service-down', labels: { unit: 'celery_short.service', host: HOST }, summary: 'celery_short.service is failed' })],
      resolved: [],
      flapping: [firingAlert(NOW - 3 * M, { fingerprint: '8888aaaabbbbcccc', ruleId: 'service-down', labels: { unit: 'uwsgi.service', host: HOST }, summary: 'uwsgi.service is failed' })],
    },
  ];
  return buildOverview(parts, NOW);
}

/** The report types report-samples.ts leaves out, by golden file name. */
export function moreSampleReports(): Record<string, Report> {
  return {
    'slow-queries': slowQueriesReport(),
    'query-audit': renderQueryAuditReport(statementsRun(), config(), NOW),
    'query-log-audit': renderQueryLogAuditReport(statementsRun(), config(), NOW),
    explain: explainReport(),
    ...storeReports(),
    'alert-overview': overviewReport(),
  };
}
