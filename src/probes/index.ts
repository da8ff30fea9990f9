import type { Config } from '../config/load-config.js';
import type { PgClient } from '../postgres/pg-client.js';
import type { RedisReader } from '../redis/redis-reader.js';
import type { Store } from '../store/store.js';
import { createCeleryProbe } from './celery.js';
import { createCeleryTasksProbe } from './celery/tasks.js';
import { createCeleryWorkersProbe } from './celery/workers.js';
import { createEncodingsProbe } from './encodings.js';
import { createHostProbe } from './host.js';
import { createPostgresProbe } from './postgres.js';
import type { Probe } from './probe.js';
import { createServicesProbe } from './services.js';

export interface ProbeSetOptions {
  /**
   * A one-shot CLI has no earlier reading to measure CPU and I/O rates against, so its host probe takes a
   * baseline first (about half a second). The long-running bot does not need to.
   */
  oneShot: boolean;
  /** CinemataCMS's PostgreSQL; the postgres probe runs only when it is given (CINEMATA_DATABASE_URL is set). */
  postgres?: PgClient | undefined;
  /** The Celery broker; the celery probe runs only when it is given (CINEMATA_REDIS_URL is set). */
  redis?: RedisReader | undefined;
  /** Keeps the worker-log parser's read positions and per-task buckets; celery-tasks runs only with it. */
  store?: Store | undefined;
}

/** The probes this deployment runs, in the order `health` shows them. Later probes are added here. */
export function createProbes(config: Config, options: ProbeSetOptions): Array<Probe<unknown>> {
  const host = createHostProbe();
  return [
    options.oneShot ? primeBeforeFirstCollect(host, host.prime) : host,
    createServicesProbe({ units: config.services, timeoutMs: Math.min(config.sampling.timeout, 5_000) }),
    ...(options.redis ? [createCeleryProbe({ redis: options.redis, celery: config.celery })] : []),
    createCeleryWorkersProbe({ celery: config.celery }),
    ...(options.store ? [createCeleryTasksProbe({ store: options.store, celery: config.celery })] : []),
    ...(options.postgres ? [createPostgresProbe({ client: options.postgres, settings: config.postgres })] : []),
    ...(options.postgres
      ? [createEncodingsProbe({ postgres: options.postgres, limits: config.encodings, timeoutMs: config.postgres.statementTimeout })]
      : []),
  ];
}

function primeBeforeFirstCollect<D>(probe: Probe<D>, prime: (options: { signal?: AbortSignal }) => Promise<void>): Probe<D> {
  let primed = false;
  return {
    ...probe,
    async collect(ctx) {
      if (!primed) {
        primed = true;
        await prime({ signal: ctx.signal });
      }
      return probe.collect(ctx);
    },
  };
}
