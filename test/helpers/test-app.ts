import { join } from 'node:path';
import { commands } from '../../commands/index.js';
import { schedules } from '../../schedules/index.js';
import { createApp, type App, type AppDeps } from '../../src/app.js';
import { readConfig, type Config } from '../../src/config/load-config.js';
import type { Probe } from '../../src/probes/probe.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { createCapturingLogger } from './capture-log.js';
import { makeTempDir } from './temp-dir.js';

/** A fake clock: tests move time explicitly. */
export function createFakeClock(start = Date.UTC(2026, 11, 4, 9, 0, 0)): { now: () => number; advance(ms: number): void; set(ms: number): void } {
  let current = start;
  return { now: () => current, advance: (ms) => void (current += ms), set: (ms) => void (current = ms) };
}

/** Config as the defaults give it, with the store in a temp dir, plus overrides from a YAML text. */
export function testConfig(dir: string, env: NodeJS.ProcessEnv = {}): Config {
  const result = readConfig({ CINEMATA_OPS_DB: join(dir, 'store.sqlite'), CINEMATA_OPS_LOG_FILE: join(dir, 'log.jsonl'), ...env }, dir);
  if (!result.ok) throw new Error(`test config invalid: ${JSON.stringify(result.problems)}`);
  return result.config;
}

export interface TestApp {
  app: App;
  store: Store;
  config: Config;
  clock: ReturnType<typeof createFakeClock>;
  logLines: () => Array<Record<string, unknown>>;
}

/** The real app with real registries and a real SQLite store in a temp dir; probes and clock are the test's. */
export function createTestApp(probes: ReadonlyArray<Probe<unknown>>, overrides: Partial<AppDeps> & { env?: NodeJS.ProcessEnv } = {}): TestApp {
  const dir = makeTempDir();
  const config = overrides.config ?? testConfig(dir, overrides.env);
  const store = openSqliteStore(config.env.CINEMATA_OPS_DB);
  const clock = createFakeClock();
  const { log, lines } = createCapturingLogger();
  const app = createApp({
    config,
    store,
    log,
    now: clock.now,
    probes,
    commands,
    schedules,
    deliverers: [],
    version: '0.0.0-test',
    instance: 'test-instance',
    ...overrides,
  });
  return { app, store, config, clock, logLines: lines };
}
