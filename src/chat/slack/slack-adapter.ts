import { App, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Config } from '../../config/load-config.js';
import type { DispatchResult } from '../../dispatch/dispatch.js';
import type { Invocation } from '../../dispatch/invocation.js';
import { describeError } from '../../errors.js';
import type { Deliverer } from '../../notify/outbox-worker.js';
import { createRateLimiter } from '../../notify/rate-limit.js';
import type { HttpRoute } from '../../server/http-server.js';
import type { Store } from '../../store/store.js';
import { answerButton, type BlockActionsPayload } from './button-handler.js';
import { createChannelPoster } from './channel-poster.js';
import { answerSlashCommand, type SlashCommandPayload } from './command-handler.js';
import { createSlackHttpReceiver } from './http-receiver.js';
import type { InteractionDeps } from './interactions.js';
import { createResponseUrl } from './response-url.js';
import { createSlackWebClient, toSlackLogger } from './slack-client.js';
import { createSlackDeliverer } from './slack-deliverer.js';
import { createThreadBook } from './thread-book.js';
import { createUserGroupResolver } from './user-groups.js';
import { createWorkQueue } from './work-queue.js';

export interface SlackAdapterOptions {
  /** `xoxb-…` (SLACK_BOT_TOKEN). */
  botToken: string;
  /** Socket mode: the app-level token `xapp-…` (SLACK_APP_TOKEN); no public URL needed. Wins over signingSecret. */
  appToken?: string | undefined;
  /** HTTP mode: SLACK_SIGNING_SECRET; Slack posts to `route` on the bot's HTTP server. */
  signingSecret?: string | undefined;
  dispatch(invocation: Invocation): Promise<DispatchResult>;
  /** Called lazily (thread bookkeeping, delivery progress): main creates the adapter before the store exists. */
  store(): Store;
  /** Which Slack user groups to look up (the `slack-group:` keys of roles.groups). */
  roles: Config['roles'];
  log: Logger;
  /** For timestamps shown in messages. Default Date.now. Pacing always uses the real clock. */
  now?: (() => number) | undefined;
  /** Web API base URL. Default `https://slack.com/api/`; tests use a fake server on loopback. */
  apiUrl?: string | undefined;
  /** For response_url posts. Default the global fetch. */
  fetch?: typeof fetch | undefined;
  /** Path of the HTTP route. Default `/slack/events`. */
  path?: string | undefined;
  /** The slash command as registered in the manifest. Default `/ops`. */
  slashCommand?: string | undefined;
  /** A command still running after this many ms shows "working…". Default 2000. */
  progressAfterMs?: number | undefined;
  /** Minimum gap between two messages to one channel. Default 1000 (Slack's "one per second per channel"). */
  channelIntervalMs?: number | undefined;
  /** Commands and button presses answered at the same time; more wait their turn (already acknowledged). Default 4. */
  maxConcurrentAnswers?: number | undefined;
}

export interface SlackAdapter {
  readonly mode: 'socket' | 'http';
  /** The `slack` platform of the outbox. */
  readonly deliverer: Deliverer;
  /** HTTP mode: add it to the HTTP server's routes (POST /slack/events). Undefined in socket mode. */
  readonly route: HttpRoute | undefined;
  /** Checks the token (auth.test: a bad token stops start-up with Slack's reason), then listens. */
  start(): Promise<void>;
  /** Stops listening and waits (up to 5 s) for answers in progress. */
  stop(): Promise<void>;
}

/**
 * Slack, through Bolt: slash command `/ops …` and button presses in, reports out. Transport only: commands run
 * through `dispatch`, reports are rendered by src/render/slack, and delivery goes through the persisted outbox.
 */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  if (options.appToken === undefined && options.signingSecret === undefined) {
    throw new Error('Slack needs SLACK_APP_TOKEN (socket mode) or SLACK_SIGNING_SECRET (HTTP mode) besides SLACK_BOT_TOKEN');
  }
  const log = options.log.child({ component: 'slack' });
  const now = options.now ?? Date.now;
  const mode = options.appToken !== undefined ? 'socket' : 'http';
  const client = createSlackWebClient(options.botToken, { apiUrl: options.apiUrl, log });
  const limiter = createRateLimiter({ intervalMs: options.channelIntervalMs ?? 1000, now: Date.now });
  const poster = createChannelPoster(client, limiter);
  const threads = createThreadBook(options.store, now);
  const httpReceiver =
    mode === 'http' ? createSlackHttpReceiver({ signingSecret: options.signingSecret as string, path: options.path, log, now: Date.now }) : undefined;
  const deps: InteractionDeps = {
    dispatch: options.dispatch,
    groups: createUserGroupResolver({
      roles: options.roles,
      listMembers: async (usergroup) => (await client.usergroups.users.list({ usergroup })).users ?? [],
      log,
      now: Date.now,
    }),
    poster,
    threads,
    responseUrl: (url) => createResponseUrl(url, options.fetch ?? fetch),
    log,
    now,
    slashCommand: options.slashCommand ?? '/ops',
    progressAfterMs: options.progressAfterMs ?? 2000,
  };
  // Answers run a few at a time: a burst of commands must not starve the acknowledgements of the next ones
  // (they share one event loop), and twenty diagnostics at once would load the database they diagnose.
  const work = createWorkQueue(options.maxConcurrentAnswers ?? 4, (error, what) => log.error({ err: error, error: describeError(error) }, `${what} failed`));
  let app: App | undefined;

  return {
    mode,
    route: httpReceiver?.route,
    deliverer: createSlackDeliverer({ poster, threads, limiter, store: options.store, log, now }),
    async start() {
      const auth = await client.auth.test();
      const receiver: Receiver =
        httpReceiver ??
        new SocketModeReceiver({
          appToken: options.appToken as string,
          logger: toSlackLogger(log.child({ component: 'slack-socket' })),
          installerOptions: { clientOptions: options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl } },
        });
      // botId and botUserId from our own auth.test, so Bolt does not call it again for every request.
      app = new App({
        token: options.botToken,
        ...(auth.bot_id === undefined ? {} : { botId: auth.bot_id }),
        ...(auth.user_id === undefined ? {} : { botUserId: auth.user_id }),
        tokenVerificationEnabled: false,
        receiver,
        logger: toSlackLogger(log.child({ component: 'bolt' })),
        convoStore: false,
        ...(options.apiUrl === undefined ? {} : { clientOptions: { slackApiUrl: options.apiUrl } }),
      });
      // Ack first, then work in the background: Slack gets its answer within milliseconds, whatever the command.
      app.command(deps.slashCommand, async ({ ack, command }) => {
        await ack();
        work.push(() => answerSlashCommand(command as unknown as SlashCommandPayload, deps), 'slash command');
      });
      app.action({ type: 'block_actions' }, async ({ ack, body }) => {
        await ack();
        work.push(() => answerButton(body as unknown as BlockActionsPayload, deps), 'button');
      });
      app.error(async (error) => {
        log.error({ err: error, error: describeError(error) }, 'Slack listener failed');
      });
      await app.start();
      log.info({ mode, team: auth.team, bot: auth.user }, 'Slack adapter started');
    },
    async stop() {
      await app?.stop();
      await Promise.race([work.idle(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    },
  };
}
