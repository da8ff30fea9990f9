import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { describeError } from '../../errors.js';
import type { Deliverer, DeliveryResult } from '../../notify/outbox-worker.js';
import type { RateLimiter } from '../../notify/rate-limit.js';
import type { Report } from '../../reports/report.js';
import { renderSlack } from '../../render/slack/slack-renderer.js';
import { renderThreadRoot } from '../../render/slack/thread-root.js';
import type { Json, Store } from '../../store/store.js';
import type { ChannelPoster } from './channel-poster.js';
import { classifySlackError } from './slack-errors.js';
import { threadKeyOf, type AlertThread, type ThreadBook } from './thread-book.js';

export interface SlackDelivererOptions {
  poster: ChannelPoster;
  threads: ThreadBook;
  limiter: RateLimiter;
  /** Called lazily: main creates the adapter before the store exists. */
  store(): Store;
  log: Logger;
  now(): number;
}

/** How far a delivery got, so a retry after a failure half-way posts only what is missing. */
interface Progress {
  messages: number;
  files: number;
  rootTs?: string | undefined;
  rootUpdated?: boolean | undefined;
}

/**
 * The `slack` platform of the outbox: targets `slack:<channel id>`. A report goes out as its rendered messages
 * (the first in the channel, continuations in its thread) and files; a report with a `threadKey` that already has
 * a conversation goes to that thread instead, and the conversation's first message is edited to show the new
 * status. Progress is kept in the store until the delivery completes, so a retry never posts a message twice.
 */
export function createSlackDeliverer(options: SlackDelivererOptions): Deliverer {
  const log = options.log.child({ component: 'slack-deliverer' });
  return {
    platform: 'slack',
    limiter: options.limiter,
    async deliver(channel, report): Promise<DeliveryResult> {
      const progressKey = `slack:delivery:${createHash('sha256').update(channel).update('\0').update(JSON.stringify(report)).digest('hex').slice(0, 32)}`;
      const store = options.store();
      const progress: Progress = (store.getState<Json>(progressKey) as Progress | undefined) ?? { messages: 0, files: 0 };
      const save = () => store.setState(progressKey, progress as unknown as Json);
      const rendering = renderSlack(report);
      const key = threadKeyOf(report);
      const existing = key === undefined ? undefined : options.threads.find(channel, key);
      try {
        const threadTs = existing?.ts;
        for (let i = progress.messages; i < rendering.messages.length; i++) {
          const message = rendering.messages[i];
          if (message === undefined) continue;
          const parent = threadTs ?? progress.rootTs;
          const ts = await options.poster.post(channel, message, { threadTs: parent });
          if (i === 0 && threadTs === undefined) {
            progress.rootTs = ts;
            if (key !== undefined) options.threads.save({ channel, ts, threadKey: key, original: report, trail: [], createdAt: options.now() });
          }
          progress.messages = i + 1;
          save();
        }
        for (let i = progress.files; i < rendering.files.length; i++) {
          const file = rendering.files[i];
          if (file !== undefined) await options.poster.upload(channel, file, { threadTs: threadTs ?? progress.rootTs });
          progress.files = i + 1;
          save();
        }
        if (existing !== undefined && !progress.rootUpdated) {
          await updateRoot(existing, report);
          progress.rootUpdated = true;
        }
        store.deleteState(progressKey);
        return { ok: true };
      } catch (error) {
        const failure = classifySlackError(error);
        log.warn({ channel, title: report.title, sent: progress.messages, of: rendering.messages.length, error: failure.error }, 'slack delivery failed');
        if (!failure.retryable) store.deleteState(progressKey);
        return failure;
      }
    },
  };

  /**
   * Edits the conversation's first message. A 429 or 5xx fails the delivery so the outbox retries (only this
   * edit: the thread messages are recorded as sent); a permanent refusal (the message was deleted) is logged.
   */
  async function updateRoot(thread: AlertThread, latest: Report): Promise<void> {
    const next = { ...thread, latest };
    options.threads.save(next);
    try {
      await options.poster.update(thread.channel, thread.ts, renderThreadRoot(thread.original, latest, next.trail));
    } catch (error) {
      if (classifySlackError(error).retryable) throw error;
      log.warn({ channel: thread.channel, ts: thread.ts, error: describeError(error) }, 'could not edit the first message of an alert thread');
    }
  }
}
