import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOutboxWorker, type Deliverer, type DeliveryResult } from '../../src/notify/outbox-worker.js';
import type { Report } from '../../src/reports/report.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { createFakeClock } from '../helpers/test-app.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const report = (title: string): Report => ({ title, severity: 'info', sections: [], generatedAt: 0 });

function recordingDeliverer(platform: string, answers: DeliveryResult[]): Deliverer & { seen: Array<{ channel: string; title: string }> } {
  const seen: Array<{ channel: string; title: string }> = [];
  return {
    platform,
    seen,
    async deliver(channel, r) {
      seen.push({ channel, title: r.title });
      return answers.shift() ?? { ok: true };
    },
  };
}

function setup(deliverers: Deliverer[], maxAttempts?: number) {
  const store = openSqliteStore(join(makeTempDir(), 'store.sqlite'));
  const clock = createFakeClock();
  const worker = createOutboxWorker({ store, deliverers, log: createCapturingLogger().log, now: clock.now, maxAttempts });
  return { store, clock, worker };
}

describe('outbox worker', () => {
  it('delivers queued reports to the platform named in the target, oldest first', async () => {
    const slack = recordingDeliverer('slack', []);
    const { store, worker } = setup([slack]);
    worker.enqueue('slack:C1', report('first'));
    worker.enqueue('slack:C2', report('second'));
    expect(await worker.drain()).toBe(2);
    expect(slack.seen).toEqual([
      { channel: 'C1', title: 'first' },
      { channel: 'C2', title: 'second' },
    ]);
    expect(store.countOutbox()).toEqual({ pending: 0, dead: 0 });
  });

  it('keeps a message after a retryable failure and retries it after the backoff, honouring Retry-After', async () => {
    const slack = recordingDeliverer('slack', [{ ok: false, retryable: true, error: 'HTTP 429', retryAfterMs: 120_000 }]);
    const { store, clock, worker } = setup([slack]);
    worker.enqueue('slack:C1', report('rate limited'));
    expect(await worker.drain()).toBe(0);
    expect(store.countOutbox().pending).toBe(1);
    clock.advance(60_000);
    expect(await worker.drain()).toBe(0);
    expect(slack.seen).toHaveLength(1);
    clock.advance(61_000);
    expect(await worker.drain()).toBe(1);
    expect(slack.seen).toHaveLength(2);
    expect(store.countOutbox().pending).toBe(0);
  });

  it('dead-letters a message after a permanent failure or too many attempts, losing nothing silently', async () => {
    const slack = recordingDeliverer('slack', [{ ok: false, retryable: false, error: 'channel_not_found' }]);
    const discord = recordingDeliverer('discord', Array.from({ length: 5 }, () => ({ ok: false as const, retryable: true, error: 'HTTP 502' })));
    const { store, clock, worker } = setup([slack, discord], 3);
    worker.enqueue('slack:C404', report('gone'));
    worker.enqueue('discord:42', report('flaky'));
    for (let i = 0; i < 5; i++) {
      await worker.drain();
      clock.advance(3_600_000);
    }
    expect(discord.seen).toHaveLength(3);
    expect(store.countOutbox()).toEqual({ pending: 0, dead: 2 });
  });

  it('dead-letters a message for a platform that is not running', async () => {
    const { store, worker } = setup([recordingDeliverer('console', [])]);
    worker.enqueue('slack:C1', report('nobody listens'));
    await worker.drain();
    expect(store.countOutbox()).toEqual({ pending: 0, dead: 1 });
  });

  it('treats a throwing deliverer as a retryable failure', async () => {
    const boom: Deliverer = {
      platform: 'slack',
      deliver: async () => {
        throw new Error('socket hang up');
      },
    };
    const { store, worker } = setup([boom]);
    worker.enqueue('slack:C1', report('x'));
    await worker.drain();
    expect(store.countOutbox().pending).toBe(1);
    expect(store.dueOutbox(Number.MAX_SAFE_INTEGER, 10)[0]).toMatchObject({ attempts: 1, lastError: 'socket hang up' });
  });
});
