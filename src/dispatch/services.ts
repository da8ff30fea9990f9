import type { MetricHistory } from '../history/metric-history.js';
import type { PgClient } from '../postgres/pg-client.js';
import type { ProbeRunner } from '../probes/probe-runner.js';
import type { RedisReader } from '../redis/redis-reader.js';
import type { Schedule } from '../scheduler/schedule.js';
import type { Store } from '../store/store.js';
import type { Command, OptionSpecs } from './command.js';

/** What commands and schedules may reach. Everything here is read-only or goes through its own guard. */
export interface AppServices {
  probes: ProbeRunner;
  history: MetricHistory;
  store: Store;
  /** CinemataCMS's PostgreSQL, read-only; undefined when CINEMATA_DATABASE_URL is not set. */
  postgres: PgClient | undefined;
  /** The Celery broker (Redis), read-only; undefined when CINEMATA_REDIS_URL is not set. */
  redis: RedisReader | undefined;
  /** The registered commands, for `help`. */
  commands: ReadonlyArray<Command<OptionSpecs>>;
  /** The registered schedules, for `config` and `help`. */
  schedules: readonly Schedule[];
  version: string;
  /** Epoch ms when this process started. */
  startedAt: number;
}
