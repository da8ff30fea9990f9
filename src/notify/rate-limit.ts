/**
 * Spacing of messages per target, e.g. Slack's "about one message per second per channel" for chat.postMessage.
 * Each key gets slots `intervalMs` apart; a caller takes the next free slot and waits for it, so concurrent
 * senders to one channel go out in the order they asked and never in a burst. A 429's Retry-After pauses a key.
 *
 * State is in memory: after a restart the first message to a channel goes at once, which Slack's allowance for
 * short bursts covers.
 */
export interface RateLimiter {
  /** Waits until `key` may get a message, then counts one against it. */
  acquire(key: string): Promise<void>;
  /** Milliseconds until `key` may get a message (0: now). Reserves nothing. */
  delayFor(key: string): number;
  /** Nothing goes to `key` until `ms` from now (a 429's Retry-After), whatever was reserved before. */
  pause(key: string, ms: number): void;
}

export interface RateLimiterOptions {
  /** Minimum gap between two messages to one key, in ms. Slack channels: 1000. */
  intervalMs: number;
  now(): number;
  /** Default: a real timer. Tests pass one that moves their fake clock. */
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

/** Keys idle this long are forgotten, so a bot that posts to many channels keeps a small map. */
const FORGET_AFTER_MS = 60_000;
const PRUNE_AT_SIZE = 1_000;

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  /** The earliest time of the next free slot per key. */
  const nextSlot = new Map<string, number>();
  const pausedUntil = new Map<string, number>();

  function prune(now: number): void {
    if (nextSlot.size < PRUNE_AT_SIZE) return;
    for (const [key, at] of nextSlot) if (at < now - FORGET_AFTER_MS) nextSlot.delete(key);
    for (const [key, at] of pausedUntil) if (at < now) pausedUntil.delete(key);
  }

  function delayFor(key: string): number {
    const now = options.now();
    return Math.max(0, (nextSlot.get(key) ?? now) - now, (pausedUntil.get(key) ?? now) - now);
  }

  return {
    delayFor,
    async acquire(key) {
      const now = options.now();
      prune(now);
      const slot = Math.max(now, nextSlot.get(key) ?? now, pausedUntil.get(key) ?? now);
      nextSlot.set(key, slot + options.intervalMs);
      if (slot > now) await sleep(slot - now);
      // A 429 that arrived while this caller waited for its slot moves it back too.
      for (let wait = (pausedUntil.get(key) ?? 0) - options.now(); wait > 0; wait = (pausedUntil.get(key) ?? 0) - options.now()) {
        await sleep(wait);
      }
    },
    pause(key, ms) {
      const until = options.now() + Math.max(0, ms);
      if (until > (pausedUntil.get(key) ?? 0)) pausedUntil.set(key, until);
      if (until > (nextSlot.get(key) ?? 0)) nextSlot.set(key, until);
    },
  };
}
