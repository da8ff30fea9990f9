import { DiscordAPIError, HTTPError, RateLimitError, REST, Routes, type RESTPutAPIApplicationCommandsJSONBody } from 'discord.js';
import type { DiscordMessage } from './render-discord.js';

export const DEFAULT_API_BASE = 'https://discord.com/api';

export interface DiscordApiOptions {
  /** Bot token; only needed for channel messages and registration (interaction webhooks carry their own token). */
  token?: string | undefined;
  /** Default `https://discord.com/api`; tests point it at a fake server on loopback. */
  apiBase?: string | undefined;
  /** Per request, in ms. Default 10 s. */
  timeoutMs?: number | undefined;
  /**
   * A rate limit that clears within this many ms is waited out in-process (a split report's fifth message into one
   * channel, say); a longer one fails at once as retryable, for the outbox to reschedule. Default 5 s.
   */
  maxRateLimitWaitMs?: number | undefined;
}

export type InteractionCallback =
  | { type: 1 }
  | { type: 4; data: DiscordMessage }
  | { type: 5; data?: { flags?: number } | undefined }
  | { type: 8; data: { choices: Array<{ name: string; value: string | number }> } };

/** The few REST calls the adapter makes. Each resolves when Discord accepted it and throws what REST threw. */
export interface DiscordApi {
  interactionCallback(interactionId: string, token: string, body: InteractionCallback): Promise<void>;
  editOriginal(applicationId: string, token: string, message: DiscordMessage): Promise<void>;
  deleteOriginal(applicationId: string, token: string): Promise<void>;
  followUp(applicationId: string, token: string, message: DiscordMessage): Promise<void>;
  createMessage(channelId: string, message: DiscordMessage & { nonce?: string; enforce_nonce?: boolean }): Promise<{ id: string }>;
  /** The bot's own user: checks the token. */
  getCurrentUser(): Promise<{ id: string; username: string }>;
  /** Bulk overwrite: the commands given become the application's only ones in that scope. */
  putCommands(applicationId: string, guildId: string | undefined, body: RESTPutAPIApplicationCommandsJSONBody): Promise<unknown[]>;
}

/**
 * discord.js's REST client (per-route buckets from X-RateLimit-*, the global 50/s), set so that failures come
 * back to the caller rather than being retried inside: no retries of 5xx, and only short rate limits waited out.
 * The outbox and the interaction flow decide the rest, with `classifyDiscordError`.
 */
export function createDiscordApi(options: DiscordApiOptions): DiscordApi {
  const maxWait = options.maxRateLimitWaitMs ?? 5_000;
  const rest = new REST({
    api: options.apiBase ?? DEFAULT_API_BASE,
    version: '10',
    retries: 0,
    offset: 0,
    timeout: options.timeoutMs ?? 10_000,
    rejectOnRateLimit: (limit) => Math.max(limit.retryAfter, limit.timeToReset, limit.sublimitTimeout) > maxWait,
  });
  if (options.token !== undefined) rest.setToken(options.token);
  return {
    async interactionCallback(id, token, body) {
      await rest.post(Routes.interactionCallback(id, token), { body, auth: false });
    },
    async editOriginal(applicationId, token, message) {
      await rest.patch(Routes.webhookMessage(applicationId, token, '@original'), { body: message, auth: false });
    },
    async deleteOriginal(applicationId, token) {
      await rest.delete(Routes.webhookMessage(applicationId, token, '@original'), { auth: false });
    },
    async followUp(applicationId, token, message) {
      await rest.post(Routes.webhook(applicationId, token), { body: message, auth: false });
    },
    async createMessage(channelId, message) {
      return (await rest.post(Routes.channelMessages(channelId), { body: message })) as { id: string };
    },
    async getCurrentUser() {
      return (await rest.get(Routes.user('@me'))) as { id: string; username: string };
    },
    async putCommands(applicationId, guildId, body) {
      const route = guildId === undefined ? Routes.applicationCommands(applicationId) : Routes.applicationGuildCommands(applicationId, guildId);
      return (await rest.put(route, { body })) as unknown[];
    },
  };
}

export interface ClassifiedError {
  retryable: boolean;
  /** One line fit for a log and the outbox's dead letters; never contains a token or a URL. */
  error: string;
  retryAfterMs?: number | undefined;
  status?: number | undefined;
  code?: number | string | undefined;
}

/** What to do about well-known Discord error codes, in the words an operator needs. */
const ADVICE: Readonly<Record<string, string>> = {
  '10003': 'no such channel: check the channel id in channels[] of cinemata-ops.yaml',
  '10004': 'the bot is not in that server: invite it with the bot and applications.commands scopes',
  '50001': 'the bot cannot see the channel: add it to the channel or give it View Channel',
  '50013': 'the bot lacks a permission there: it needs Send Messages and Embed Links',
  '50035': 'Discord rejected the message as malformed (a renderer bug: please report it with the log)',
  '40060': 'the interaction was already answered',
  '10062': 'the interaction expired before the bot answered (more than 3 s to defer, or 15 min to follow up)',
};

/**
 * Turns what the REST client threw into the outbox's terms: a 429 is retryable after `retry_after`, 5xx and
 * network trouble are retryable, every other 4xx is permanent with a clear reason (Missing Access, Unknown
 * Channel, a refused token).
 */
export function classifyDiscordError(error: unknown): ClassifiedError {
  if (error instanceof RateLimitError) {
    const wait = error.retryAfter > 0 ? error.retryAfter : Math.max(0, error.timeToReset);
    return { retryable: true, status: 429, retryAfterMs: Math.ceil(wait), error: `rate limited by Discord${error.global ? ' (global)' : ''}; retry after ${Math.ceil(wait)} ms` };
  }
  if (error instanceof DiscordAPIError) {
    const advice = ADVICE[String(error.code)] ?? (error.status === 401 ? 'the bot token was refused: check DISCORD_BOT_TOKEN' : undefined);
    const what = `${error.message} (code ${error.code}, HTTP ${error.status})`;
    return { retryable: error.status === 429 || error.status >= 500, status: error.status, code: error.code, error: advice === undefined ? what : `${what}: ${advice}` };
  }
  if (error instanceof HTTPError) {
    return { retryable: error.status >= 500 || error.status === 429, status: error.status, error: `Discord answered HTTP ${error.status} ${error.message}` };
  }
  if (error instanceof SyntaxError) {
    // Discord took the request (2xx) but its answer was unreadable: sending again would do it twice.
    return { retryable: false, error: `Discord's answer could not be read: ${error.message}` };
  }
  const message = error instanceof Error ? `${error.name === 'AbortError' ? 'timed out' : error.message}` : String(error);
  return { retryable: true, error: `could not reach Discord: ${stripUrls(message)}` };
}

/** Webhook URLs carry interaction tokens: keep them out of anything that is logged or stored. */
function stripUrls(text: string): string {
  return text.replace(/https?:\/\/\S+/g, '<url>');
}
