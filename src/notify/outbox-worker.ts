import type { Logger } from 'pino';
import { describeError } from '../errors.js';
import type { Report } from '../reports/report.js';
import type { Json, Store } from '../store/store.js';
import type { RateLimiter } from './rate-limit.js';

/** What a delivery attempt came to. A deliverer says itself whether a failure is worth retrying. */
export type DeliveryResult = { ok: true } | { ok: false; retryable: boolean; error: string; retryAfterMs?: number | undefined };

/** Sends reports to one platform. `channel` is the part of the target after `platform:` (empty for `console`). */
export interface Deliverer {
  platform: string;
  deliver(channel: string, report: Report): Promise<DeliveryResult>;
  /**
   * Optional per-channel pacing (src/notify/rate-limit.ts), keyed by `channel`. The deliverer itself waits for its
   * slots; the worker only reads it to leave a paused channel's messages (after a 429) for a later drain instead
   * of spending their attempts, while other channels go on.
   */
  limiter?: Pick<RateLimiter, 'delayFor'> | undefined;
}

export interface OutboxWorkerOptions {
  store: Store;
  deliverers: readonly Deliverer[];
  log: Logger;
  now(): number;
  /** Attempts before a message becomes a dead letter. Default 8. */
  maxAttempts?: number | undefined;
}

export interface OutboxWorker {
  /** Puts a report in the persisted outbox: it survives a crash until delivered. Returns the message id. */
  enqueue(target: string, report: Report): number;
  /** Delivers every due message once. Returns how many were delivered. */
  drain(): Promise<number>;
  platforms(): string[];
}

const BASE_BACKOFF_MS = 15_000;
/** A channel whose next slot is further away than this is left for a later drain (see Deliverer.limiter). */
const MAX_PACING_WAIT_MS = 5_000;
const MAX_BACKOFF_MS = 3_600_000;

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const log = options.log.child({ component: 'outbox' });
  const byPlatform = new Map(options.deliverers.map((d) => [d.platform, d]));
  const maxAttempts = options.maxAttempts ?? 8;
  let draining: Promise<number> | undefined;

  async function drainOnce(): Promise<number> {
    let delivered = 0;
    // Targets held back in this drain: their later messages wait too, so a channel's messages keep their order.
    const held = new Set<string>();
    for (const message of options.store.dueOutbox(options.now(), 50)) {
      const [platform = '', ...rest] = message.target.split(':');
      const deliverer = byPlatform.get(platform);
      if (held.has(message.target)) continue;
      const payload = message.payload as { kind?: string; report?: unknown };
      if (!deliverer || payload.kind !== 'report') {
        options.store.deadLetterOutbox(message.id, deliverer ? 'unknown payload' : `no ${platform} adapter is running`);
        log.warn({ id: message.id, target: message.target }, 'outbox message cannot be delivered; dead-lettered');
        continue;
      }
      if ((deliverer.limiter?.delayFor(rest.join(':')) ?? 0) > MAX_PACING_WAIT_MS) {
        held.add(message.target);
        log.debug({ id: message.id, target: message.target }, 'channel is paused by its rate limit; left for a later drain');
        continue;
      }
      let result: DeliveryResult;
      try {
        result = await deliverer.deliver(rest.join(':'), payload.report as Report);
      } catch (error) {
        result = { ok: false, retryable: true, error: describeError(error) };
      }
      if (result.ok) {
        options.store.markOutboxSent(message.id);
        delivered++;
      } else if (!result.retryable || message.attempts + 1 >= maxAttempts) {
        options.store.deadLetterOutbox(message.id, result.error);
        log.error({ id: message.id, target: message.target, error: result.error }, 'delivery failed for good');
      } else {
        const backoff = Math.min(BASE_BACKOFF_MS * 2 ** message.attempts, MAX_BACKOFF_MS);
        options.store.markOutboxFailed(message.id, result.error, options.now() + Math.max(backoff, result.retryAfterMs ?? 0));
        log.warn({ id: message.id, target: message.target, error: result.error }, 'delivery failed; will retry');
      }
    }
    return delivered;
  }

  return {
    enqueue(target, report) {
      return options.store.enqueueOutbox({ target, payload: { kind: 'report', report: report as unknown as Json } }, options.now());
    },
    drain() {
      // One drain at a time, so a slow platform never gets the same message twice.
      draining ??= drainOnce().finally(() => {
        draining = undefined;
      });
      return draining;
    },
    platforms: () => [...byPlatform.keys()],
  };
}
