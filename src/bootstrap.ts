import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { commands } from '../commands/index.js';
import { schedules } from '../schedules/index.js';
import { createApp, type App } from './app.js';
import type { Config } from './config/load-config.js';
import type { Deliverer } from './notify/outbox-worker.js';
import { createEmailDelivererFromConfig } from './notify/email/email-deliverer.js';
import { createPgClient, type PgClient } from './postgres/pg-client.js';
import { createProbes } from './probes/index.js';
import { createRedisReader, type RedisReader } from './redis/redis-reader.js';
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
  /** Closes what the runtime opened (store, database pool). */
  close(): Promise<void>;
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
  const databaseUrl = options.config.env.CINEMATA_DATABASE_URL;
  const postgres: PgClient | undefined = databaseUrl
    ? createPgClient({ url: databaseUrl, statementTimeoutMs: options.config.postgres.statementTimeout, log: options.log.child({ component: 'postgres' }) })
    : undefined;
  const redisUrl = options.config.env.CINEMATA_REDIS_URL;
  const redis: RedisReader | undefined = redisUrl ? createRedisReader({ url: redisUrl, log: options.log.child({ component: 'redis' }) }) : undefined;
  // Email needs SMTP_URL; escalations to email targets are otherwise dead-lettered with a clear reason.
  const email = options.oneShot ? undefined : createEmailDelivererFromConfig(options.config, options.log.child({ component: 'email' }));
  try {
    const app = createApp({
      config: options.config,
      store,
      log: options.log,
      now: Date.now,
      probes: createProbes(options.config, { oneShot: options.oneShot, postgres, redis, store }),
      commands,
      schedules,
      deliverers: [...options.deliverers, ...(email ? [email] : [])],
      postgres,
      redis,
      version: readVersion(),
      instance: options.config.env.CINEMATA_OPS_INSTANCE ?? `${hostname()}:${process.pid}`,
      signal: options.signal,
    });
    return {
      app,
      store,
      async close() {
        store.close();
        await postgres?.close();
        await redis?.close();
        email?.close();
      },
    };
  } catch (error) {
    store.close();
    void postgres?.close();
    void redis?.close();
    email?.close();
    throw error;
  }
}
