import type { RateLimiter } from '../../notify/rate-limit.js';
import type { SlackFile, SlackMessage } from '../../render/slack/block-kit.js';
import type { SlackWebClient } from './slack-client.js';

/**
 * Everything the bot writes to a channel, paced per channel by one shared limiter (Slack: about one message per
 * second per channel) whoever writes: the outbox, button answers, thread updates. A 429 pauses that channel for
 * its Retry-After before the error goes back to the caller.
 */
export interface ChannelPoster {
  /** chat.postMessage; returns the message's ts. */
  post(channel: string, message: SlackMessage, options?: { threadTs?: string | undefined }): Promise<string>;
  /** chat.update of one of the bot's messages. */
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
  /** chat.postEphemeral: only `user` sees it. */
  postEphemeral(channel: string, user: string, message: SlackMessage, options?: { threadTs?: string | undefined }): Promise<void>;
  /** files.uploadV2 into the channel (in a thread when `threadTs`). */
  upload(channel: string, file: SlackFile, options?: { threadTs?: string | undefined }): Promise<void>;
}

export function createChannelPoster(client: SlackWebClient, limiter: RateLimiter): ChannelPoster {
  async function paced<T>(channel: string, call: () => Promise<T>): Promise<T> {
    await limiter.acquire(channel);
    try {
      return await call();
    } catch (error) {
      const retryAfter = (error as { code?: string; retryAfter?: number }).code === 'slack_webapi_rate_limited_error' ? (error as { retryAfter?: number }).retryAfter : undefined;
      if (retryAfter !== undefined) limiter.pause(channel, retryAfter * 1000);
      throw error;
    }
  }
  const body = (message: SlackMessage) => ({
    text: message.text,
    blocks: message.blocks,
    ...(message.attachments === undefined ? {} : { attachments: message.attachments }),
  });

  return {
    async post(channel, message, options = {}) {
      const result = await paced(channel, () =>
        client.chat.postMessage({ channel, ...body(message), unfurl_links: false, unfurl_media: false, ...(options.threadTs === undefined ? {} : { thread_ts: options.threadTs }) }),
      );
      return String(result.ts ?? '');
    },
    async update(channel, ts, message) {
      await paced(channel, () => client.chat.update({ channel, ts, ...body(message), ...(message.attachments === undefined ? { attachments: [] } : {}) }));
    },
    async postEphemeral(channel, user, message, options = {}) {
      await paced(channel, () => client.chat.postEphemeral({ channel, user, ...body(message), ...(options.threadTs === undefined ? {} : { thread_ts: options.threadTs }) }));
    },
    async upload(channel, file, options = {}) {
      const common = { content: file.content, filename: file.filename, title: file.title };
      await paced(channel, () =>
        options.threadTs === undefined
          ? client.filesUploadV2({ ...common, channel_id: channel })
          : client.filesUploadV2({ ...common, channel_id: channel, thread_ts: options.threadTs }),
      );
    },
  };
}
