import { userInfo } from 'node:os';
import { loadDotEnv, createRuntime } from './bootstrap.js';
import { createHeadlessConsoleDeliverer, startConsoleAdapter, type ConsoleAdapter } from './chat/console/console-adapter.js';
import { commands } from '../commands/index.js';
import type { DiscordAdapter } from './chat/discord/discord-adapter.js';
import type { SlackAdapter } from './chat/slack/slack-adapter.js';
import { readConfig } from './config/load-config.js';
import { formatProblems } from './config/problems.js';
import { createLogger } from './log.js';
import type { Deliverer } from './notify/outbox-worker.js';
import { shouldUseColor } from './render/terminal.js';
import { createAckRoute } from './server/ack-link.js';
import { startHttpServer } from './server/http-server.js';

/** `npm start`: wiring only. Everything it starts is stopped, and every pending write flushed, on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const cwd = process.cwd();
  loadDotEnv(cwd);
  const loaded = readConfig(process.env, cwd);
  if (!loaded.ok) {
    process.stderr.write(`cinemata-ops: invalid configuration (${loaded.problems.length} problems):\n${formatProblems(loaded.problems)}\n`);
    process.exitCode = 2;
    return;
  }
  const config = loaded.config;
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const format = config.env.CINEMATA_OPS_LOG_FORMAT === 'auto' ? (process.stdout.isTTY ? 'pretty' : 'json') : config.env.CINEMATA_OPS_LOG_FORMAT;
  // At a prompt, log lines would tear through what the operator types: they go to the log file instead.
  const log = interactive
    ? createLogger({ level: config.env.CINEMATA_OPS_LOG_LEVEL, format: 'json', destination: config.env.CINEMATA_OPS_LOG_FILE })
    : createLogger({ level: config.env.CINEMATA_OPS_LOG_LEVEL, format, destination: 'stdout' });
  const abort = new AbortController();

  let shuttingDown = false;
  let consoleAdapter: ConsoleAdapter | undefined;
  let deliverers: Deliverer[];
  if (interactive) {
    consoleAdapter = startConsoleAdapter({
      input: process.stdin,
      output: process.stdout,
      user: userInfo().username,
      color: shouldUseColor(process.stdout, process.env),
      width: () => process.stdout.columns ?? 100,
      dispatch: (invocation) => runtime.app.dispatch(invocation),
      onExit: () => void shutdown('console'),
    });
    deliverers = [consoleAdapter.deliverer];
  } else {
    deliverers = [createHeadlessConsoleDeliverer(process.stdout)];
  }
  const env = config.env;
  let slack: SlackAdapter | undefined;
  if (env.SLACK_BOT_TOKEN !== undefined && (env.SLACK_APP_TOKEN !== undefined || env.SLACK_SIGNING_SECRET !== undefined)) {
    // Like discord.js below, Bolt loads only when Slack is configured: a terminal-only bot stays small.
    const { createSlackAdapter } = await import('./chat/slack/slack-adapter.js');
    slack = createSlackAdapter({
      botToken: env.SLACK_BOT_TOKEN,
      appToken: env.SLACK_APP_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      dispatch: (invocation) => runtime.app.dispatch(invocation),
      store: () => runtime.store,
      roles: config.roles,
      log,
    });
    deliverers.push(slack.deliverer);
  }
  let discord: DiscordAdapter | undefined;
  if (env.DISCORD_BOT_TOKEN !== undefined) {
    // discord.js is large: it loads only when Discord is configured.
    const { createDiscordAdapter } = await import('./chat/discord/discord-adapter.js');
    discord = createDiscordAdapter({
      token: env.DISCORD_BOT_TOKEN,
      publicKey: env.DISCORD_PUBLIC_KEY,
      apiBase: env.DISCORD_API_BASE,
      commands,
      config,
      dispatch: (invocation) => runtime.app.dispatch(invocation),
      store: () => runtime.store,
      log,
    });
    deliverers.push(discord.deliverer);
  }
  const runtime = createRuntime({ config, log, oneShot: false, deliverers, signal: abort.signal });
  const { app } = runtime;

  const http = await startHttpServer({
    host: config.env.CINEMATA_OPS_HTTP_HOST,
    port: config.env.CINEMATA_OPS_HTTP_PORT,
    exporter: app.exporter,
    runner: app.runner,
    log,
    now: Date.now,
    version: app.services.version,
    startedAt: app.services.startedAt,
    lastTickAt: app.lastTickAt,
    staleAfterMs: config.sampling.interval * 3 + config.sampling.timeout,
    routes: [
      ...(config.env.CINEMATA_OPS_ACK_SECRET
        ? [createAckRoute({ store: runtime.store, secret: config.env.CINEMATA_OPS_ACK_SECRET, now: Date.now, log, timezone: config.timezone })]
        : []),
      ...(slack?.route ? [slack.route] : []),
      ...(discord?.route ? [discord.route] : []),
    ],
  });
  // After the HTTP server, so HTTP mode can receive; a bad token stops start-up with Slack's reason.
  await slack?.start();
  await discord?.start();

  // A loop rather than setInterval: a slow round never overlaps the next one.
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> = Promise.resolve();
  const loop = () => {
    ticking = app
      .tick()
      .catch((error: unknown) => log.error({ err: error }, 'sampling round failed'))
      .finally(() => {
        if (!shuttingDown) timer = setTimeout(loop, config.sampling.interval);
      });
  };
  loop();
  app.scheduler.start();

  const where = `http://${config.env.CINEMATA_OPS_HTTP_HOST}:${http.port}`;
  if (interactive) {
    process.stdout.write(
      `\rcinemata-ops ${app.services.version}: sampling every ${config.sampling.interval / 1000}s; ${where}/metrics and /healthz; logs in ${config.env.CINEMATA_OPS_LOG_FILE}\n` +
        `Type a command (health, help) or exit.${describeChat(slack, discord)}\n`,
    );
  } else {
    process.stdout.write(`cinemata-ops ${app.services.version}: stdin is not a terminal, running headless (use "npx cinemata-ops <command>" to run commands); ${where}\n`);
  }
  log.info({ version: app.services.version, interactive, http: where }, 'started');

  async function shutdown(reason: string): Promise<void> {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ reason }, 'shutting down');
    clearTimeout(timer);
    abort.abort();
    consoleAdapter?.close();
    await Promise.race([ticking, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    await app.scheduler.stop();
    await slack?.stop();
    await discord?.stop();
    await http.close();
    app.flush(true);
    await runtime.close();
    log.info('stopped');
    log.flush();
    process.stdout.write('cinemata-ops stopped.\n', () => process.exit(0));
  }
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

function describeChat(slack: SlackAdapter | undefined, discord: DiscordAdapter | undefined): string {
  const connected = [slack && `Slack (${slack.mode} mode)`, discord && `Discord (${discord.mode} mode)`].filter(Boolean);
  return connected.length > 0 ? ` Connected to ${connected.join(' and ')}.` : ' No Slack or Discord token is set, so this terminal is the chat.';
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`cinemata-ops failed to start: ${message}\n`);
  if (process.env.CINEMATA_OPS_LOG_LEVEL === 'debug' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
