import { createHash } from 'node:crypto';
import type { Deliverer, DeliveryResult } from '../../notify/outbox-worker.js';
import { renderJson } from '../../render/json.js';
import type { Store } from '../../store/store.js';
import { buttonStateKey } from './buttons.js';
import { classifyDiscordError, type DiscordApi } from './discord-api.js';
import { renderDiscord, type DiscordRenderOptions } from './render-discord.js';

export interface DiscordDelivererOptions {
  api: DiscordApi;
  /** Keeps the commands of buttons too long for a custom_id, for when someone clicks them. */
  store: Pick<Store, 'setState'>;
  now(): number;
  render?: DiscordRenderOptions | undefined;
}

const SNOWFLAKE = /^\d{17,20}$/;
/** Deliveries that failed part-way, remembered so a retry resumes where it stopped; oldest forgotten first. */
const MAX_REMEMBERED = 1_000;

/**
 * Posts reports to Discord channels (`discord:<channel id>` targets) with the bot token: POST
 * /channels/{id}/messages, one message per part the renderer produced. A 429 is retryable after Discord's
 * retry_after, a 5xx or network failure is retryable, any other 4xx (Missing Access, Unknown Channel, a refused
 * token) is permanent with the reason. A report split into several messages that fails part-way resumes at the
 * failed part on retry, and every part carries an enforced nonce, so a retry never posts a part twice.
 */
export function createDiscordDeliverer(options: DiscordDelivererOptions): Deliverer {
  const sentParts = new Map<string, number>();
  return {
    platform: 'discord',
    async deliver(channel, report): Promise<DeliveryResult> {
      if (!SNOWFLAKE.test(channel)) {
        return { ok: false, retryable: false, error: `discord: "${channel}" is not a channel id (17–20 digits; copy it with Developer Mode on)` };
      }
      const rendered = renderDiscord(report, options.render);
      for (const [key, command] of Object.entries(rendered.buttonKeys)) options.store.setState(buttonStateKey(key), { command, at: options.now() });
      const delivery = createHash('sha256').update(`${channel}\n${renderJson(report)}`).digest('base64url');
      const total = rendered.messages.length;
      for (let part = sentParts.get(delivery) ?? 0; part < total; part++) {
        const message = rendered.messages[part];
        if (message === undefined) continue;
        try {
          await options.api.createMessage(channel, { ...message, nonce: nonceFor(delivery, part), enforce_nonce: true });
        } catch (error) {
          const failure = classifyDiscordError(error);
          if (failure.retryable) remember(sentParts, delivery, part);
          else sentParts.delete(delivery);
          const progress = part > 0 ? ` (${part} of ${total} parts were posted)` : '';
          return { ok: false, retryable: failure.retryable, error: `discord channel ${channel}: ${failure.error}${progress}`, retryAfterMs: failure.retryAfterMs };
        }
      }
      sentParts.delete(delivery);
      return { ok: true };
    },
  };
}

/** Discord's nonce is at most 25 characters; with enforce_nonce a repeat within minutes returns the first message. */
function nonceFor(delivery: string, part: number): string {
  return createHash('sha256').update(`${delivery}:${part}`).digest('base64url').slice(0, 25);
}

function remember(map: Map<string, number>, key: string, value: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_REMEMBERED) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}
