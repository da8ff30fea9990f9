import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LogTimeZone } from '../../src/celery/log-line.js';
import type { Config } from '../../src/config/load-config.js';
import { createCeleryProbe } from '../../src/probes/celery.js';
import { createCeleryTasksProbe } from '../../src/probes/celery/tasks.js';
import { createCeleryWorkersProbe } from '../../src/probes/celery/workers.js';
import type { Probe } from '../../src/probes/probe.js';
import type { ServicesDetail } from '../../src/probes/services.js';
import { createRedisReader, type RedisReader } from '../../src/redis/redis-reader.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { activeServices, createFakeProbe } from '../helpers/fake-probes.js';
import { createFakeClock, createTestApp, testConfig } from '../helpers/test-app.js';
import { celeryCommands, FIXTURES, withCelery } from './support.js';

export const CELERY_UNITS = ['celery_long', 'celery_short', 'celery_whisper', 'celery_beat'];
const PYTHON = '/usr/bin/python3';

export interface CeleryAppOptions {
  /** The broker; none means CINEMATA_REDIS_URL is unset. */
  redisUrl?: string | undefined;
  logDir?: string | undefined;
  clockStart?: number | undefined;
  zone?: LogTimeZone | undefined;
  celery?: Partial<Config['celery']> | undefined;
  services?: (now: number) => ServicesDetail;
  /** Replaces the real broker probe (for findings that need a given queue state). */
  brokerProbe?: Probe<unknown> | undefined;
}

/**
 * The real app with the three Celery probes wired the way src/probes/index.ts will wire them, a fake systemd (this
 * machine has none) and a fake clock. Sampling is every second so a test can force fresh reads by advancing 1 s.
 * Its directory (store, and logs unless `logDir` is given) lives until `close()`, so it may span several tests.
 */
export function createCeleryApp(options: CeleryAppOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cinemata-ops-celery-'));
  const logDir = options.logDir ?? join(dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const base = testConfig(dir);
  const config: Config = withCelery({ ...base, sampling: { ...base.sampling, interval: 1_000 } }, { logDir, ...options.celery });
  const store = openSqliteStore(join(dir, 'celery.sqlite'));
  const clock = createFakeClock(options.clockStart);
  const redis: RedisReader | undefined = options.redisUrl ? createRedisReader({ url: options.redisUrl, log: createCapturingLogger().log, connectTimeoutMs: 1_000 }) : undefined;
  const services = options.services ?? ((now: number) => activeServices(now, CELERY_UNITS));
  const probes: Array<Probe<unknown>> = [
    createFakeProbe('services', () => ({ detail: services(clock.now()) })),
    createCeleryWorkersProbe({ celery: config.celery, zone: options.zone }),
    createCeleryTasksProbe({ store, celery: config.celery, zone: options.zone }),
  ];
  if (options.brokerProbe) probes.push(options.brokerProbe);
  else if (redis) probes.push(createCeleryProbe({ redis, celery: config.celery }));
  // createTestApp also opens the config's store; the app (and the tasks probe) use ours.
  const { app, store: spare } = createTestApp(probes, { config, store, redis, commands: celeryCommands, now: clock.now });
  spare.close();
  const close = async (): Promise<void> => {
    store.close();
    await redis?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { app, clock, config, store, redis, logDir, close };
}

function pythonEnv(brokerUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // No .pyc files in the fixtures folder; nothing else from the test's environment.
  return { PATH: process.env.PATH, HOME: process.env.HOME, PYTHONDONTWRITEBYTECODE: '1', CELERY_BROKER_URL: brokerUrl, ...extra };
}

/** What fixtures/celery/produce.py sent, as it reports it. */
export interface ProducerTruth {
  depth: Record<string, number>;
  priority: Record<string, number>;
  tasks: Record<string, Record<string, number>>;
  eta: Record<string, number>;
  oldestEnqueuedAt: Record<string, number>;
}

/** Runs the real Celery producer against the suite's DB, with no worker running. */
export async function produceWithCelery(brokerUrl: string, enqueuedBase: number): Promise<ProducerTruth> {
  const { stdout } = await promisify(execFile)(PYTHON, ['produce.py'], { cwd: FIXTURES, env: pythonEnv(brokerUrl, { ENQUEUED_BASE: String(enqueuedBase) }), timeout: 30_000 });
  return JSON.parse(stdout) as ProducerTruth;
}

/** Sends one task through the real Celery, e.g. `media_init.delay("tok")`. */
export async function sendWithCelery(brokerUrl: string, call: string): Promise<void> {
  await promisify(execFile)(PYTHON, ['-c', `from cms_app import *; ${call}`], { cwd: FIXTURES, env: pythonEnv(brokerUrl), timeout: 30_000 });
}

/** A real Celery worker consuming one queue, logging to `logFile`, until `stopWorker`. */
export function startWorker(brokerUrl: string, queue: string, logFile: string): ChildProcess {
  const argv = ['-m', 'celery', '-A', 'cms_app', 'worker', '-Q', queue, '--pool', 'solo', '--concurrency', '1', '-l', 'INFO', '-n', `${queue}@cinemata-ops-test`, '--without-mingle', '--without-gossip', '--logfile', logFile];
  return spawn(PYTHON, argv, { cwd: FIXTURES, env: pythonEnv(brokerUrl), stdio: 'ignore' });
}

/** TERM (Celery's warm shutdown), then KILL if it lingers. */
export async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
