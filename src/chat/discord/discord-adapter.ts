import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Logger } from 'pino';
import type { Config } from '../../config/load-config.js';
import type { Command, OptionSpecs } from '../../dispatch/command.js';
import type { DispatchResult } from '../../dispatch/dispatch.js';
import type { Invocation } from '../../dispatch/invocation.js';
import type { Deliverer } from '../../notify/outbox-worker.js';
import type { HttpRoute } from '../../server/http-server.js';
import type { Json, Store } from '../../store/store.js';
import { classifyDiscordError, createDiscordApi, DEFAULT_API_BASE } from './discord-api.js';
import { createDiscordDeliverer } from './discord-deliverer.js';
import { createInteractionHandler, type InteractionHandler } from './interaction-handler.js';
import { isInteractionPayload } from './interaction-payload.js';
import { createInteractionsRoute } from './interactions-endpoint.js';

export interface DiscordAdapterOptions {
  /** DISCORD_BOT_TOKEN. */
  token: string;
  /**
   * DISCORD_PUBLIC_KEY. Set: HTTP mode — Discord posts interactions to `route` on the bot's HTTP server (the
   * portal's Interactions Endpoint URL). Unset: gateway mode — a discord.js Client receives them; no public URL.
   */
  publicKey?: string | undefined;
  /** Default https://discord.com/api; the gateway URL is asked of it too. Tests point it at loopback. */
  apiBase?: string | undefined;
  /** The command registry: subcommand options, autocomplete, and the checks made before deferring. */
  commands: ReadonlyArray<Command<OptionSpecs>>;
  config: Config;
  dispatch(invocation: Invocation): Promise<DispatchResult>;
  /** Called lazily (button keys): main creates the adapter before the store exists. */
  store(): Pick<Store, 'getState' | 'setState'>;
  log: Logger;
  /** Default Date.now. */
  now?: (() => number) | undefined;
  /** Path of the HTTP route. Default `/discord/interactions`. */
  path?: string | undefined;
  /** Commands run at the same time; more wait their turn (already deferred). Default 4. */
  maxConcurrentAnswers?: number | undefined;
}

export interface DiscordAdapter {
  readonly mode: 'gateway' | 'http';
  /** The `discord` platform of the outbox: reports to `discord:<channel id>`. */
  readonly deliverer: Deliverer;
  /** HTTP mode: add it to the HTTP server's routes (POST /discord/interactions). Undefined in gateway mode. */
  readonly route: HttpRoute | undefined;
  /** Handles raw interaction payloads (what both transports call). */
  readonly handler: InteractionHandler;
  /** Gateway: logs in (a bad token stops start-up with Discord's reason). HTTP: checks the token with GET /users/@me. */
  start(): Promise<void>;
  /** Leaves the gateway after the answers in progress (at most 5 s). */
  stop(): Promise<void>;
}

/**
 * Discord, transport only: interactions become neutral invocations for the dispatcher, reports become embeds
 * (src/chat/discord/render-discord.ts), delivery goes through the persisted outbox. Over the gateway,
 * INTERACTION_CREATE packets are taken raw and answered over REST, so both transports (and the tests) run the
 * same payload-level code.
 */
export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const log = options.log.child({ component: 'discord' });
  const now = options.now ?? Date.now;
  const api = createDiscordApi({ token: options.token, apiBase: options.apiBase });
  const store = {
    getState: <T extends Json>(key: string) => options.store().getState<T>(key),
    setState: (key: string, value: Json) => options.store().setState(key, value),
  };
  const handler = createInteractionHandler({ ...options, api, store, now, log: options.log });
  const mode = options.publicKey === undefined ? 'gateway' : 'http';
  const route = options.publicKey === undefined ? undefined : createInteractionsRoute({ publicKey: options.publicKey, handler, log: options.log, path: options.path });
  let client: Client | undefined;
  const pending = new Set<Promise<void>>();

  return {
    mode,
    route,
    handler,
    deliverer: createDiscordDeliverer({ api, store, now }),
    async start() {
      if (mode === 'http') {
        const me = await api.getCurrentUser().catch((error: unknown) => {
          throw new Error(`Discord refused the bot token: ${classifyDiscordError(error).error}`);
        });
        log.info({ user: me.username }, 'Discord interactions arrive over HTTP');
        return;
      }
      // Interactions need no privileged intent; Guilds keeps the client's view of its servers current.
      client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: options.apiBase ?? DEFAULT_API_BASE } });
      client.on(Events.Raw, (packet: { t?: string; d?: unknown }) => {
        if (packet.t !== 'INTERACTION_CREATE' || !isInteractionPayload(packet.d)) return;
        const done = handler.handle(packet.d).finally(() => pending.delete(done));
        pending.add(done);
      });
      client.on(Events.Error, (error) => log.error({ error: error.message }, 'Discord gateway error'));
      client.on(Events.ShardDisconnect, (event) => log.warn({ code: event.code }, 'Discord gateway disconnected'));
      await client.login(options.token);
      log.info({ user: client.user?.tag }, 'connected to the Discord gateway');
    },
    async stop() {
      await Promise.race([Promise.allSettled(pending), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      await client?.destroy();
      client = undefined;
    },
  };
}
