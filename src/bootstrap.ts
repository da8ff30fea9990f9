import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { commands } from '../commands/index.js';
import { schedules } from '../schedules/index.js';
import { createApp, type App } from './app.js';
import type { Config } from './config/load-config.js';
import type { Deliverer } from './notify/outbox-worker.js';
import { createProbes } from './probes/index.js';
import { openSqliteStore } from './store/sqlite-store.js';
import type { Store } from './store/store.js';
import { readVersion } from './version.js';

/** Loads `.env` from the working directory into process.env, without overriding what is already set. */
export function loadDotEnv(cwd: string): void {
  const path = resolve(cwd, '.env');
  if (existsSync(path) && typeof process.loadEnvFile === 'function') process.loadEnvFile(path);
}

export interface Runtime {
  app: App;
  store: Store;
}

export interface RuntimeOptions {
  config: Config;
  log: Logger;
  oneShot: boolean;
  deliverers: readonly Deliverer[];
  signal?: AbortSignal | undefined;
}

/** The real dependencies: SQLite store, probes of this host, the command and schedule registries. */
export function createRuntime(options: RuntimeOptions): Runtime {
  const store = openSqliteStore(options.config.env.CINEMATA_OPS_DB);
  try {
    const app = createApp({
      config: options.config,
      store,
      log: options.log,
      now: Date.now,
      probes: createProbes(options.config, { oneShot: options.oneShot }),
      commands,
      schedules,
      deliverers: options.deliverers,
      version: readVersion(),
      instance: options.config.env.CINEMATA_OPS_INSTANCE ?? `${hostname()}:${process.pid}`,
      signal: options.signal,
    });
    return { app, store };
  } catch (error) {
    store.close();
    throw error;
  }
}
