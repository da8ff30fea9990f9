import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOutboxWorker, type Deliverer } from '../../../src/notify/outbox-worker.js';
import { createRateLimiter } from '../../../src/notify/rate-limit.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import { createCapturingLogger } from '../../helpers/capture-log.js';
import { createFakeClock } from '../../helpers/test-app.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

/** A limiter on a fake clock whose sleeps move the clock, recording when each send happened. */
function fakeLimiter(intervalMs = 1_000) {
  const clock = createFakeClock(0);
  const limiter = createRateLimiter({
    intervalMs,
    now: clock.now,
    sleep: async (ms) => {
      clock.advance(ms);
    },
  });
  return { clock, limiter };
}

describe('per-target rate limiter', () => {
  it('spaces messages to one key by the interval and leaves other keys alone', async () => {
    const { clock, limiter } = fakeLimiter();
    const sent: Array<[string, number]> = [];
    for (const key of ['C1', 'C1', 'C2', 'C1']) {
      await limiter.acquire(key);
      sent.push([key, clock.now()]);
    }
    expect(sent).toEqual([
      ['C1', 0],
      ['C1', 1_000],
      ['C2', 1_000],
      ['C1', 2_000],
    ]);
  });

  it('serves concurrent senders to one key in order, one slot each', async () => {
    const clock = createFakeClock(0);
    const limiter = createRateLimiter({ intervalMs: 1_000, now: clock.now, sleep: () => Promise.resolve() });
    expect([0, 1, 2].map(() => limiter.delayFor('C1'))).toEqual([0, 0, 0]);
    await Promise.all([limiter.acquire('C1'), limiter.acquire('C1'), limiter.acquire('C1')]);
    expect(limiter.delayFor('C1')).toBe(3_000);
  });

  it('pauses a key for a Retry-After, even for slots reserved before it', async () => {
    const { clock, limiter } = fakeLimiter();
    await limiter.acquire('C1');
    limiter.pause('C1', 30_000);
    expect(limiter.delayFor('C1')).toBe(30_000);
    expect(limiter.delayFor('C2')).toBe(0);
    await limiter.acquire('C1');
    expect(clock.now()).toBe(30_000);
  });
});

describe('outbox with a paced deliverer', () => {
  it('leaves a channel paused for longer than a few seconds for a later drain, without counting an attempt', async () => {
    const store = openSqliteStore(join(makeTempDir(), 'store.sqlite'));
    const clock = createFakeClock();
    const limiter = createRateLimiter({ intervalMs: 1_000, now: clock.now });
    const seen: string[] = [];
    const deliverer: Deliverer = {
      platform: 'slack',
      limiter,
      async deliver(channel, report) {
        seen.push(`${channel} ${report.title}`);
        return { ok: true };
      },
    };
    const worker = createOutboxWorker({ store, deliverers: [deliverer], log: createCapturingLogger().log, now: clock.now });
    const report = (title: string) => ({ title, severity: 'info' as const, sections: [], generatedAt: 0 });
    limiter.pause('C1', 60_000);
    worker.enqueue('slack:C1', report('first'));
    worker.enqueue('slack:C2', report('other'));
    worker.enqueue('slack:C1', report('second'));
    expect(await worker.drain()).toBe(1);
    expect(seen).toEqual(['C2 other']);
    expect(store.dueOutbox(clock.now(), 10).map((m) => [m.target, m.attempts])).toEqual([
      ['slack:C1', 0],
      ['slack:C1', 0],
    ]);
    clock.advance(60_000);
    expect(await worker.drain()).toBe(2);
    expect(seen).toEqual(['C2 other', 'C1 first', 'C1 second']);
  });
});
