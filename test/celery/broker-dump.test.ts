import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readBroker } from '../../src/celery/read-broker.js';
import { createRedisReader } from '../../src/redis/redis-reader.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { describeWithRedis } from '../support/redis.js';
import { envelope, FIXTURES, loadBrokerDump } from './support.js';

const layout = { keyPrefix: '', prioritySeparator: '\x06\x16', prioritySteps: [0, 3, 6, 9] };
const truth = JSON.parse(readFileSync(join(FIXTURES, 'enqueued-counts.json'), 'utf8')) as Record<string, number>;
// The oldest enqueued_at in the dump: the last element of long_tasks\x06\x169 (the 240p encode sent first).
const OLDEST = 1796412869.8483467 * 1000;

describeWithRedis('broker reading against a real Celery dump', 10, (url, admin) => {
  it('counts every priority list when a queue holds priority-9 encodes', async () => {
    await loadBrokerDump(admin());
    const reader = createRedisReader({ url, log: createCapturingLogger().log });
    const snapshot = await reader.read((r) => readBroker(r, { queues: ['long_tasks', 'short_tasks', 'whisper_tasks', 'celery'], layout, sampleSize: 200 }, () => OLDEST + 600_000, reader.target));
    await reader.close();

    const depths = Object.fromEntries(snapshot.queues.map((q) => [q.queue, q.depth]));
    expect(depths).toEqual({ ...truth, celery: 0 });
    const long = snapshot.queues[0];
    expect(long?.lists.map((l) => [l.step, l.depth])).toEqual([[0, 11], [3, 0], [6, 0], [9, 4]]);
    // A plain LLEN of the base key would say 11.
    expect(await admin().llen('long_tasks')).toBe(11);
    expect(long?.next).toEqual({ readable: true, task: 'produce_sprite_from_video', step: 0, enqueuedAt: null, eta: null });
    // The right end of long_tasks is a sprite without enqueued_at: the age is a lower bound.
    expect(long?.oldest).toEqual({ task: 'encode_media', step: 9, enqueuedAt: OLDEST, ageSeconds: 600, atLeast: true });
    expect(long?.sample).toMatchObject({ read: 15, complete: true, tasks: [{ task: 'encode_media', sampled: 12, estimated: 12 }, { task: 'produce_sprite_from_video', sampled: 3, estimated: 3 }] });
    expect(snapshot.unacked).toEqual({ count: 0, oldestDeliveredAt: null, oldestAgeSeconds: null });
  });

  it('sends only reads of the named kombu keys, as MONITOR sees them', async () => {
    const monitor = await admin().monitor();
    const seen: string[][] = [];
    // Other suites or people may share this Redis: keep what reached this suite's DB only.
    monitor.on('monitor', (_time: string, args: string[], _source: string, database: string) => {
      if (database === '10') seen.push(args);
    });
    const reader = createRedisReader({ url, log: createCapturingLogger().log });
    await reader.read((r) => readBroker(r, { queues: ['long_tasks', 'short_tasks'], layout, sampleSize: 200 }, () => OLDEST, reader.target));
    await reader.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    monitor.disconnect();
    const commands = seen.filter((args) => !['info', 'client', 'select', 'monitor'].includes((args[0] ?? '').toLowerCase()));
    expect(new Set(commands.map((args) => args[0]?.toLowerCase()))).toEqual(new Set(['llen', 'hlen', 'zrange', 'lrange']));
    const keys = new Set(commands.map((args) => args[1]));
    // MONITOR prints the separator bytes escaped.
    expect(keys).toEqual(new Set(['long_tasks', 'long_tasks\\x06\\x163', 'long_tasks\\x06\\x166', 'long_tasks\\x06\\x169', 'short_tasks', 'short_tasks\\x06\\x163', 'short_tasks\\x06\\x166', 'short_tasks\\x06\\x169', 'unacked', 'unacked_index']));
  });

  it('costs the same number of commands with 1k and 100k messages waiting', async () => {
    const costs: number[] = [];
    const reader = createRedisReader({ url, log: createCapturingLogger().log });
    for (const total of [1_000, 100_000]) {
      await admin().del('bulk', 'bulk\x06\x169');
      for (let done = 0; done < total; done += 10_000) {
        const batch = Array.from({ length: Math.min(10_000, total - done) }, (_, i) => envelope(i % 5 === 0 ? 'produce_sprite_from_video' : 'encode_media', { enqueuedAt: 1_796_400_000 + done + i }));
        await admin().lpush('bulk', ...batch);
      }
      await admin().lpush('bulk\x06\x169', ...Array.from({ length: total / 10 }, (_, i) => envelope('encode_media', { priority: 9, enqueuedAt: 1_796_300_000 + i })));
      const snapshot = await reader.read((r) => readBroker(r, { queues: ['bulk'], layout, sampleSize: 200 }, () => 1_796_500_000_000, reader.target));
      const bulk = snapshot.queues[0];
      expect(bulk?.depth).toBe(total + total / 10);
      expect(bulk?.sample.read).toBe(200);
      // 20 % sprites in the priority-0 list, none at priority 9: the scaled estimate lands close.
      const sprites = bulk?.sample.tasks.find((t) => t.task === 'produce_sprite_from_video')?.estimated ?? 0;
      expect(Math.abs(sprites - total / 5) / (total / 5)).toBeLessThan(0.15);
      expect(bulk?.oldest).toMatchObject({ step: 9, enqueuedAt: 1_796_300_000_000, atLeast: false });
      costs.push(snapshot.commands);
    }
    await reader.close();
    // 4 LLEN + HLEN + ZRANGE + 2 LRANGE for each of the two non-empty lists.
    expect(costs).toEqual([10, 10]);
  }, 60_000);
});
