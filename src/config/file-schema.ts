import { z } from 'zod';
import { oncallSchema } from './oncall-schema.js';
import { alertingFileShape } from './rules-schema.js';
import { durationMs, roleSchema, thresholdPair, unitNameSchema } from './schema-helpers.js';

export const DEFAULT_UNITS = [
  'celery_long',
  'celery_short',
  'celery_whisper',
  'celery_beat',
  'mediacms',
  'nginx',
  'postgresql',
  'redis-server',
];

const SEVERITY = z.enum(['info', 'warning', 'critical']);
const PLATFORM = z.enum(['slack', 'discord', 'email', 'console']);

function isTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * `cinemata-ops.yaml`: everything that is not a secret. Unknown keys are errors, so a typo such as `thresold`
 * is reported instead of silently ignored. Keys are camelCase.
 */
export const fileSchema = z.strictObject({
  timezone: z
    .string()
    .refine(isTimezone, { message: 'expected an IANA timezone such as UTC or Asia/Manila' })
    .default('UTC'),
  sampling: z
    .strictObject({
      interval: durationMs({ min: 1_000, max: 3_600_000 }).default(15_000),
      timeout: durationMs({ min: 100, max: 600_000 }).default(10_000),
    })
    .default({ interval: 15_000, timeout: 10_000 }),
  history: z
    .strictObject({
      minuteRetention: durationMs({ min: 3_600_000 }).default(86_400_000),
      hourRetention: durationMs({ min: 86_400_000 }).default(30 * 86_400_000),
    })
    .default({ minuteRetention: 86_400_000, hourRetention: 30 * 86_400_000 }),
  /** Percentages, except loadPerCore (load average divided by cores). */
  thresholds: z
    .strictObject({
      cpu: thresholdPair({ warning: 80, critical: 95 }),
      memory: thresholdPair({ warning: 85, critical: 95 }),
      swap: thresholdPair({ warning: 50, critical: 80 }),
      disk: thresholdPair({ warning: 80, critical: 90 }),
      inodes: thresholdPair({ warning: 80, critical: 90 }),
      loadPerCore: thresholdPair({ warning: 1.5, critical: 3 }, 1_000),
      serviceRestarts: thresholdPair({ warning: 3, critical: 10 }, 1_000_000),
    })
    .prefault({}),
  /** Celery on Redis, as CinemataCMS lays it out (reference: deploy/*.service, cms/celery.py). Read-only. */
  celery: z
    .strictObject({
      /** Queues to watch. `celery` is the default queue nobody consumes: tasks sent without a queue pile up there. */
      queues: z.array(z.string().regex(/^[\w.:-]+$/, 'a queue name may only contain letters, digits and . _ : -')).default(['long_tasks', 'short_tasks', 'whisper_tasks', 'celery']),
      /** kombu's priority list separator and steps (broker_transport_options `sep`, `priority_steps`). */
      prioritySeparator: z.string().default('\x06\x16'),
      prioritySteps: z.array(z.number().int().min(0).max(255)).min(1).default([0, 3, 6, 9]),
      /** broker_transport_options `global_keyprefix`. */
      keyPrefix: z.string().default(''),
      /** Messages read from a queue to break it down by task name; the cost never grows beyond this. */
      sampleSize: z.number().int().min(1).max(10_000).default(200),
      /** Where the worker and beat logs live (CELERYD_LOG_FILE=.../logs/%N.log). */
      logDir: z.string().default('/home/cinemata/cinematacms/logs'),
      /** systemd unit → the queue it consumes and its log file (relative to logDir). */
      workers: z
        .record(z.string(), z.strictObject({ queue: z.string(), log: z.string() }))
        .default({
          celery_long: { queue: 'long_tasks', log: 'celery_long.log' },
          celery_short: { queue: 'short_tasks', log: 'celery_short.log' },
          celery_whisper: { queue: 'whisper_tasks', log: 'celery_whisper.log' },
        }),
      /** Beat's log (note the `beat` prefix CinemataCMS's unit gives it) and how old its last line may be. */
      beatLog: z.string().default('beatcelery_beat.log'),
      beatStaleAfter: durationMs({ min: 60_000 }).default(300_000),
      /** Oldest waiting message, warning/critical, in seconds. */
      oldestWaitSeconds: thresholdPair({ warning: 300, critical: 1_800 }, 86_400 * 30),
      /** Messages waiting in one queue, warning/critical. */
      depth: thresholdPair({ warning: 100, critical: 1_000 }, 10_000_000),
    })
    .prefault({}),
  /** The encoding pipeline (files_encoding); limits mirror CinemataCMS's settings. */
  encodings: z
    .strictObject({
      /** A `running` row whose update_date heartbeat is older than this is stuck (it beats about every 50 s). */
      staleHeartbeat: durationMs({ min: 60_000 }).default(900_000),
      /** MAX_ENCODING_QUEUE_DEPTH and MAX_USER_CONCURRENT_ENCODES. */
      maxQueueDepth: z.number().int().min(1).default(50),
      maxUserConcurrent: z.number().int().min(1).default(5),
      /** Failure rate in % of finished encodings in the window, warning/critical. */
      failurePercent: thresholdPair({ warning: 5, critical: 20 }),
    })
    .prefault({}),
  services: z.array(unitNameSchema).default(DEFAULT_UNITS),
  /** PostgreSQL diagnostics; defaults follow PgHero's (see README). */
  postgres: z
    .strictObject({
      /** Every diagnostic query runs in a read-only transaction with this statement timeout. */
      statementTimeout: durationMs({ min: 100, max: 600_000 }).default(5_000),
      /** EXPLAIN ANALYZE of a CinemataCMS query shape may take longer. */
      explainTimeout: durationMs({ min: 100, max: 600_000 }).default(10_000),
      /** A statement running longer than this is a long-running query. */
      longQuery: durationMs({ min: 1_000 }).default(60_000),
      /** An idle-in-transaction session older than this holds locks and blocks vacuum. */
      idleInTransaction: durationMs({ min: 1_000 }).default(300_000),
      /** pg_stat_statements: a statement is slow when its mean time and its calls are at least these. */
      slowQueryMs: z.number().min(0).default(20),
      slowQueryCalls: z.number().int().min(0).default(100),
      /** Percentage of shared-buffer hits below which the cache is too small. */
      cacheHitPercent: z.number().min(0).max(100).default(99),
      /** Indexes with no scans are reported from this size up. */
      unusedIndexMegabytes: z.number().min(0).default(10),
      /** Dead tuples as a share of live + dead, from this many dead tuples up. */
      deadTuplePercent: z.number().min(0).max(100).default(20),
      deadTupleMinimum: z.number().int().min(0).default(10_000),
      /** Connections as a % of max_connections. */
      connections: thresholdPair({ warning: 80, critical: 95 }),
      /** Round trip of `SELECT 1`, in ms (the guide's "DB latency > 500 ms"). */
      latencyMs: thresholdPair({ warning: 100, critical: 500 }, 600_000),
      /** The real /api/v1/search query, in ms. */
      searchLatencyMs: thresholdPair({ warning: 500, critical: 2_000 }, 600_000),
      /** How often pg_stat_statements is snapshotted for audits and regressions. */
      snapshotInterval: durationMs({ min: 60_000 }).default(3_600_000),
      /** The search term the latency probe uses. */
      searchTerm: z.string().min(1).default('climate'),
    })
    .prefault({}),

  roles: z
    .strictObject({
      /** Role of chat users not listed below. The terminal's own user is always admin. */
      default: roleSchema.default('viewer'),
      /** `slack:U0123ABC` or `discord:123456789012345678` → role. */
      users: z.record(z.string().regex(/^(slack|discord):\w+$/, 'keys look like slack:U0123 or discord:1234'), roleSchema).default({}),
      /** Slack user groups (`slack-group:S0123`) and Discord roles (`discord-role:1234`) → role. */
      groups: z
        .record(z.string().regex(/^(slack-group|discord-role):\w+$/, 'keys look like slack-group:S0123 or discord-role:1234'), roleSchema)
        .default({}),
    })
    .prefault({}),
  channels: z
    .array(
      z.strictObject({
        platform: PLATFORM,
        /** Slack channel id, Discord channel id, or an email address for `email`. */
        id: z.string().min(1),
        severities: z.array(SEVERITY).default(['warning', 'critical']),
        reports: z.array(z.string()).default([]),
      }),
    )
    .default([]),
  /** On-call roster, overrides and escalation policies: see oncall-schema.ts. */
  oncall: oncallSchema,
  schedules: z
    .record(
      z.string(),
      z.strictObject({
        enabled: z.boolean().default(true),
        cron: z.string().optional(),
        timezone: z.string().refine(isTimezone, { message: 'expected an IANA timezone' }).optional(),
      }),
    )
    .default({}),
  ...alertingFileShape,
});

export type FileConfig = z.output<typeof fileSchema>;
