import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { createRedisReader } from '../../src/redis/redis-reader.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { describeWithRedis } from '../support/redis.js';

describe('redis reader without a server', () => {
  it('says the connection was refused, naming host, port and DB', async () => {
    const reader = createRedisReader({ url: 'redis://127.0.0.1:1/1', log: createCapturingLogger().log });
    const error = await reader.read((r) => r.llen('long_tasks')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('unavailable');
    expect((error as UserError).message).toBe(
      'cannot reach Redis at 127.0.0.1:1/1: connection refused (is redis-server running, and is CINEMATA_REDIS_URL right?)',
    );
    await reader.close();
  });
});

describeWithRedis('redis reader', 14, (url, admin) => {
  it('reads list lengths in one pipeline and counts its commands', async () => {
    await admin().lpush('q', 'a', 'b', 'c');
    await admin().lpush('q\x06\x169', 'd');
    const reader = createRedisReader({ url, log: createCapturingLogger().log });
    expect(await reader.read((r) => r.llenMany(['q', 'q\x06\x163', 'q\x06\x169']))).toEqual([3, 0, 1]);
    expect(await reader.read((r) => r.lindex('q', -1))).toBe('a');
    expect(await reader.read((r) => Promise.resolve(r.commandCount()))).toBe(4);
    await reader.close();
  });

  it('offers no way to write or to list keys', async () => {
    const reader = createRedisReader({ url, log: createCapturingLogger().log });
    const surface = await reader.read(async (r) => Object.keys(r).sort());
    expect(surface).toEqual(['commandCount', 'hlen', 'hmget', 'lindex', 'llen', 'llenMany', 'lrange', 'type', 'zcard', 'zrangeWithScores']);
    await reader.close();
  });
});
