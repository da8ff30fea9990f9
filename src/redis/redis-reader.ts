import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { UserError } from '../errors.js';
import { describeRedisTarget, explainRedisError } from './redis-errors.js';

/**
 * The only Redis operations the bot can issue: reads of single keys it names. No KEYS, no SCAN, no writes: the
 * broker DB also holds Django's cache and every user session, which are not the bot's to touch.
 */
export interface RedisReads {
  llen(key: string): Promise<number>;
  lrange(key: string, start: number, stop: number): Promise<string[]>;
  lindex(key: string, index: number): Promise<string | null>;
  hlen(key: string): Promise<number>;
  hmget(key: string, fields: readonly string[]): Promise<Array<string | null>>;
  zcard(key: string): Promise<number>;
  /** Members with scores, lowest score first, at most `count`. */
  zrangeWithScores(key: string, start: number, stop: number): Promise<Array<[string, number]>>;
  type(key: string): Promise<string>;
  /** Several LLENs in one round trip. */
  llenMany(keys: readonly string[]): Promise<number[]>;
  /** How many commands this reader has sent, for benchmarks and cost checks. */
  commandCount(): number;
}

export interface RedisReader {
  target: string;
  /** Runs reads; connection and command failures become a UserError (`unavailable`) that says what to check. */
  read<T>(work: (redis: RedisReads) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function createRedisReader(options: { url: string; log: Logger; connectTimeoutMs?: number | undefined }): RedisReader {
  const target = describeRedisTarget(options.url);
  // ioredis loads on the first read, so a process that never reads the broker does not pay for it.
  let opened: Promise<{ client: Redis; reads: RedisReads }> | undefined;
  // ioredis rejects with a bare "Connection is closed"; the cause (ECONNREFUSED, …) only arrives as an event.
  let lastConnectionError: Error | undefined;
  let commands = 0;
  const count = <T>(promise: Promise<T>, n = 1): Promise<T> => {
    commands += n;
    return promise;
  };

  const open = () =>
    (opened ??= import('ioredis').then(({ Redis: RedisClient }) => {
      const client = new RedisClient(options.url, {
        lazyConnect: true,
        connectTimeout: options.connectTimeoutMs ?? 2_000,
        // Fail fast when Redis is down: a probe must report the outage, not queue commands until it returns.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        // No background reconnect loop: the next read() connects again, so an outage shows up at once and a
        // restarted Redis is picked up by the next probe run.
        retryStrategy: () => null,
        connectionName: 'cinemata-ops',
      });
      client.on('error', (error: Error) => {
        lastConnectionError = error;
        options.log.debug({ err: error, target }, 'redis connection error');
      });
      client.on('ready', () => {
        lastConnectionError = undefined;
      });
      return { client, reads: readsOf(client) };
    }));

  function readsOf(client: Redis): RedisReads {
    return {
      llen: (key) => count(client.llen(key)),
      lrange: (key, start, stop) => count(client.lrange(key, start, stop)),
      lindex: (key, index) => count(client.lindex(key, index)),
      hlen: (key) => count(client.hlen(key)),
      hmget: (key, fields) => count(fields.length === 0 ? Promise.resolve([]) : client.hmget(key, ...fields)),
      zcard: (key) => count(client.zcard(key)),
      async zrangeWithScores(key, start, stop) {
        const flat = await count(client.zrange(key, start, stop, 'WITHSCORES'));
        const pairs: Array<[string, number]> = [];
        for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i] as string, Number(flat[i + 1])]);
        return pairs;
      },
      type: (key) => count(client.type(key)),
      async llenMany(keys) {
        if (keys.length === 0) return [];
        const pipeline = client.pipeline();
        for (const key of keys) pipeline.llen(key);
        const results = (await count(pipeline.exec(), keys.length)) ?? [];
        return results.map(([error, value]) => {
          if (error) throw error;
          return Number(value);
        });
      },
      commandCount: () => commands,
    };
  }

  async function connect(client: Redis): Promise<void> {
    if (client.status === 'ready') return;
    if (client.status === 'wait' || client.status === 'end' || client.status === 'close') await client.connect();
    else await new Promise<void>((resolve, reject) => {
      client.once('ready', resolve);
      client.once('error', reject);
    });
  }

  return {
    target,
    async read(work) {
      const { client, reads } = await open();
      try {
        await connect(client);
        return await work(reads);
      } catch (error) {
        if (error instanceof UserError) throw error;
        if (error instanceof TypeError || error instanceof RangeError) throw error;
        const cause = client.status === 'ready' ? error : (lastConnectionError ?? error);
        throw new UserError('unavailable', explainRedisError(cause, target), { cause });
      }
    },
    async close() {
      if (opened) (await opened).client.disconnect();
    },
  };
}
