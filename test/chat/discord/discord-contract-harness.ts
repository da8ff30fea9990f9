import { generateKeyPairSync, sign } from 'node:crypto';
import { commands } from '../../../commands/index.js';
import type { App } from '../../../src/app.js';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/chat/discord/discord-adapter.js';
import type { InteractionPayload } from '../../../src/chat/discord/interaction-payload.js';
import type { DiscordMessage } from '../../../src/chat/discord/render-discord.js';
import type { Config } from '../../../src/config/load-config.js';
import { tokenize } from '../../../src/dispatch/tokenize.js';
import { createSilentLogger } from '../../../src/log.js';
import { startHttpServer, type HttpServer } from '../../../src/server/http-server.js';
import { activeServices, createFakeProbe, healthyHost } from '../../helpers/fake-probes.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { createTestApp, testConfig } from '../../helpers/test-app.js';
import { contractRoles, type ChatAdapterDriver, type ContractButton, type ContractPost, type ContractSetup, type ContractUser } from '../adapter-contract.js';
import { startFakeDiscordApi, type FakeDiscordApi, type RecordedCall } from './fake-discord-api.js';
import { startFakeGateway, type FakeGateway } from './fake-gateway.js';
import { APPLICATION_ID, buttonClick, slashCommandWithOptions, type Member } from './payloads.js';

export const USERS = {
  operator: { id: '500000000000000001', name: 'olga' },
  viewer: { id: '500000000000000002', name: 'victor' },
  groupOperator: { id: '500000000000000003', name: 'grace' },
} as const satisfies Record<string, ContractUser>;
export const GROUP = '600000000000000001';
export const CHANNEL = '700000000000000001';
const TOKEN = `MTE4NTMzMDA4MTQzNjIzNzg2NA.GxYz12.${'d'.repeat(38)}`;

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const PUBLIC_KEY_HEX = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');

export interface DiscordContractHarness extends ContractSetup {
  fake: FakeDiscordApi;
  adapter: DiscordAdapter;
}

/**
 * The real app (real registries, SQLite store, fake probes and clock) with the real Discord adapter registered as
 * its `discord` deliverer, talking to a fake Discord on loopback: over a fake gateway (INTERACTION_CREATE
 * dispatches) or over the bot's own HTTP server (signed POSTs to /discord/interactions).
 */
export async function startDiscordContractHarness(options: { mode: 'gateway' | 'http' }): Promise<DiscordContractHarness> {
  const fake = await startFakeDiscordApi();
  const base = testConfig(makeTempDir());
  const config: Config = {
    ...base,
    roles: contractRoles('discord', USERS.operator.id, GROUP),
    channels: [{ platform: 'discord', id: CHANNEL, severities: ['warning', 'critical'], reports: ['daily-health'] }],
  };
  let test: ReturnType<typeof createTestApp> | undefined;
  const adapter = createDiscordAdapter({
    token: TOKEN,
    publicKey: options.mode === 'http' ? PUBLIC_KEY_HEX : undefined,
    apiBase: fake.apiBase,
    commands,
    config,
    dispatch: (invocation) => (test as ReturnType<typeof createTestApp>).app.dispatch(invocation),
    store: () => (test as ReturnType<typeof createTestApp>).store,
    log: createSilentLogger(),
  });
  const clockStart = Date.UTC(2026, 11, 4, 9, 0, 0);
  test = createTestApp(
    [createFakeProbe('host', () => ({ detail: healthyHost(clockStart) })), createFakeProbe('services', () => ({ detail: activeServices(clockStart) }))],
    { config, deliverers: [adapter.deliverer], commands },
  );
  const app: App = test.app;

  let gateway: FakeGateway | undefined;
  let http: HttpServer | undefined;
  let send: (interaction: InteractionPayload) => Promise<void>;
  if (options.mode === 'gateway') {
    gateway = await startFakeGateway({ applicationId: APPLICATION_ID, botUserId: APPLICATION_ID });
    fake.gatewayUrl = gateway.url;
    await adapter.start();
    const g = gateway;
    send = async (interaction) => g.dispatch('INTERACTION_CREATE', interaction);
  } else {
    await adapter.start();
    const log = createSilentLogger();
    http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      exporter: app.exporter,
      runner: app.runner,
      log,
      now: Date.now,
      version: 't',
      startedAt: Date.now(),
      lastTickAt: () => undefined,
      staleAfterMs: 60_000,
      routes: adapter.route === undefined ? [] : [adapter.route],
    });
    const url = `http://127.0.0.1:${http.port}${adapter.route?.path}`;
    send = async (interaction) => {
      const body = JSON.stringify(interaction);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp }, body });
      // The initial response is the HTTP answer here; record it as Discord would have received it.
      fake.calls.push({ method: 'POST', path: `/interactions/${interaction.id}/${interaction.token}/callback`, body: await response.json(), headers: {}, seq: fake.calls.length + 1 });
    };
  }

  const driver = createDiscordDriver(fake, send);
  return {
    driver,
    app,
    store: test.store,
    users: USERS,
    channel: CHANNEL,
    fake,
    adapter,
    async close() {
      await adapter.stop();
      await gateway?.close();
      await http?.close();
      await fake.close();
      test?.store.close();
    },
  };
}

function member(user: ContractUser): Member {
  return { id: user.id, username: user.name, roles: user.id === USERS.groupOperator.id ? [GROUP] : [] };
}

/** The Discord side of the contract: commands and clicks go in as interaction payloads, posts come out of the fake API. */
function createDiscordDriver(fake: FakeDiscordApi, send: (interaction: InteractionPayload) => Promise<void>): ChatAdapterDriver {
  let mark = 0;
  async function deliver(interaction: InteractionPayload): Promise<{ ackMs: number }> {
    mark = collectPosts(fake).length;
    const started = performance.now();
    await send(interaction);
    await fake.waitFor((c) => c.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
    return { ackMs: performance.now() - started };
  }
  return {
    platform: 'discord',
    async sendCommand(text, user, options = {}) {
      const [command = 'help', ...words] = tokenize(text);
      return deliver(slashCommandWithOptions(command, wordsToOptions(command, words, options.public === true), member(user), options.channel));
    },
    async clickButton(post, label, user) {
      const button = post.buttons.find((b) => b.label === label);
      if (button === undefined) throw new Error(`no button "${label}" on the post; it has ${post.buttons.map((b) => b.label).join(', ')}`);
      return deliver(buttonClick(button.id, member(user), post.visibility === 'ephemeral' ? 64 : 0));
    },
    async waitForReply(match, timeoutMs = 5_000) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const posts = collectPosts(fake);
        const found = match === undefined ? posts[mark] : posts.slice(mark).find(match) ?? posts.find(match);
        if (found !== undefined) return found;
        if (performance.now() > deadline) throw new Error(`no matching post within ${timeoutMs} ms; posts: ${JSON.stringify(posts.map((p) => p.text.slice(0, 80)))}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    lastPosts: () => collectPosts(fake),
  };
}

/** `--name value`, `--flag` and bare words as the Discord options a client would send for `command`. */
function wordsToOptions(command: string, words: readonly string[], isPublic: boolean): Array<{ name: string; value: string | number | boolean }> {
  const specs = commands.find((c) => c.name === command)?.options ?? {};
  const positionals = Object.keys(specs).filter((name) => specs[name]?.positional);
  const typed = (name: string, text: string): string | number | boolean => {
    const type = specs[name]?.type;
    return type === 'integer' || type === 'number' ? Number(text) : text;
  };
  const options: Array<{ name: string; value: string | number | boolean }> = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (!word.startsWith('--')) {
      const name = positionals.shift();
      if (name !== undefined) options.push({ name, value: typed(name, word) });
      continue;
    }
    const name = word.slice(2);
    if (specs[name]?.type === 'boolean') options.push({ name, value: true });
    else options.push({ name, value: typed(name, words[++i] ?? '') });
  }
  if (isPublic) options.push({ name: 'public', value: true });
  return options;
}

/** Every piece of text a person sees in a message, with the markdown escapes undone. */
export function visibleText(message: Partial<DiscordMessage>): string {
  const texts: string[] = [];
  if (message.content) texts.push(message.content);
  for (const embed of message.embeds ?? []) {
    if (embed.title) texts.push(embed.title);
    if (embed.description) texts.push(embed.description);
    for (const field of embed.fields ?? []) texts.push(field.name, field.value);
    if (embed.footer) texts.push(embed.footer.text);
  }
  return texts.join('\n').replace(/\\([^\w\s])/g, '$1');
}

function buttonsOf(message: Partial<DiscordMessage>): ContractButton[] {
  const buttons: ContractButton[] = [];
  for (const row of message.components ?? []) {
    for (const c of row.components as Array<{ custom_id?: string; url?: string; label?: string }>) buttons.push({ id: c.custom_id ?? c.url ?? '', label: c.label ?? '' });
  }
  return buttons;
}

/** What the fake Discord received, as the contract's posts, in arrival order. */
export function collectPosts(fake: FakeDiscordApi): ContractPost[] {
  const posts: ContractPost[] = [];
  // The deferral decides who sees the edited placeholder.
  const deferredEphemeral = new Map<string, boolean>();
  const post = (call: RecordedCall, message: Partial<DiscordMessage>, extra: Pick<ContractPost, 'visibility' | 'kind' | 'channel'>) =>
    posts.push({ ...extra, id: undefined, threadOf: undefined, text: visibleText(message), buttons: buttonsOf(message), raw: call.body });
  for (const call of [...fake.calls].sort((a, b) => a.seq - b.seq)) {
    const callback = /^\/interactions\/\d+\/([^/]+)\/callback$/.exec(call.path);
    const original = /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/.exec(call.path);
    const followUp = /^\/webhooks\/\d+\/([^/]+)$/.exec(call.path);
    const channel = /^\/channels\/(\d+)\/messages$/.exec(call.path);
    const body = call.body as { type?: number; data?: Partial<DiscordMessage> & { flags?: number } } & Partial<DiscordMessage>;
    if (callback && body.type === 5) deferredEphemeral.set(callback[1] as string, ((body.data?.flags ?? 0) & 64) !== 0);
    else if (callback && body.type === 4 && body.data) post(call, body.data, { visibility: ((body.data.flags ?? 0) & 64) !== 0 ? 'ephemeral' : 'public', kind: 'new', channel: CHANNEL });
    else if (original && call.method === 'PATCH') post(call, body, { visibility: deferredEphemeral.get(original[1] as string) ? 'ephemeral' : 'public', kind: 'edit', channel: CHANNEL });
    else if (followUp && call.method === 'POST') post(call, body, { visibility: ((body.flags ?? 0) & 64) !== 0 ? 'ephemeral' : 'public', kind: 'new', channel: CHANNEL });
    else if (channel && call.method === 'POST') post(call, body, { visibility: 'public', kind: 'new', channel: channel[1] });
  }
  return posts;
}
