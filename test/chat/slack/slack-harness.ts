import type { Logger } from 'pino';
import { commands } from '../../../commands/index.js';
import type { App } from '../../../src/app.js';
import { createSlackAdapter, type SlackAdapter } from '../../../src/chat/slack/slack-adapter.js';
import { signSlackRequest } from '../../../src/chat/slack/verify-signature.js';
import type { Command, OptionSpecs } from '../../../src/dispatch/command.js';
import type { Config } from '../../../src/config/load-config.js';
import { startHttpServer, type HttpServer } from '../../../src/server/http-server.js';
import type { ChatAdapterDriver, ContractButton, ContractPost, ContractSetup, ContractUser } from '../adapter-contract.js';
import { contractRoles } from '../adapter-contract.js';
import { createCapturingLogger } from '../../helpers/capture-log.js';
import { activeServices, createFakeProbe, healthyHost } from '../../helpers/fake-probes.js';
import { createTestApp, testConfig } from '../../helpers/test-app.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';

export const SIGNING_SECRET = '8f742231b10e8888abcd99eeeeee85a5';
export const USERS = {
  operator: { id: 'U0OPERATOR', name: 'olga' },
  viewer: { id: 'U0VIEWER', name: 'victor' },
  groupOperator: { id: 'U0GROUPIE', name: 'grace' },
} as const satisfies Record<string, ContractUser>;
export const GROUP = 'S0OPS';
export const CHANNEL = 'C0OPS';

export interface SlackHarnessOptions {
  mode?: 'http' | 'socket' | undefined;
  progressAfterMs?: number | undefined;
  channelIntervalMs?: number | undefined;
  extraCommands?: ReadonlyArray<Command<OptionSpecs>> | undefined;
}

export interface SlackHarness extends ContractSetup {
  fake: FakeSlack;
  adapter: SlackAdapter;
  http: HttpServer;
  config: Config;
  /** The app's fake clock (the outbox's backoff runs on it; pacing uses real time). */
  clock: ReturnType<typeof createTestApp>['clock'];
  /** `http://127.0.0.1:<port>/slack/events` (HTTP mode). */
  endpoint: string;
  /** POSTs a body to the endpoint signed as Slack would (or not: `sign: false`, another secret, an old time). */
  postSigned(body: string, options?: { contentType?: string; timestamp?: number; secret?: string; sign?: boolean; tamper?: (body: string) => string }): Promise<Response>;
  /** Form body of a slash command as Slack sends it. */
  commandBody(text: string, user: ContractUser, responseUrl: string, channel?: string): string;
  dispatched(): string[];
  logLines(): Array<Record<string, unknown>>;
}

/**
 * The real app (real registries, SQLite store in a temp dir, fake probes and clock), the bot's real HTTP server
 * with the Slack route, and the real Slack adapter, talking to a fake Slack on loopback.
 */
export async function startSlackHarness(options: SlackHarnessOptions = {}): Promise<SlackHarness> {
  const mode = options.mode ?? 'http';
  const fake = await startFakeSlack();
  fake.groups.set(GROUP, [USERS.groupOperator.id]);
  const dir = makeTempDir();
  const base = testConfig(dir);
  const config: Config = {
    ...base,
    roles: contractRoles('slack', USERS.operator.id, GROUP),
    channels: [{ platform: 'slack', id: CHANNEL, severities: ['warning', 'critical'], reports: ['daily-health'] }],
  };
  const dispatched: string[] = [];
  const { log, lines } = createCapturingLogger();
  let app: App | undefined;
  const adapter = createSlackAdapter({
    botToken: 'xoxb-test-token',
    ...(mode === 'socket' ? { appToken: 'xapp-test-token' } : { signingSecret: SIGNING_SECRET }),
    dispatch: (invocation) => {
      dispatched.push(`${invocation.user.id} ${invocation.command} ${invocation.args.join(' ')}`.trim());
      return (app as App).dispatch(invocation);
    },
    store: () => test.store,
    roles: config.roles,
    log,
    apiUrl: fake.apiUrl,
    progressAfterMs: options.progressAfterMs,
    channelIntervalMs: options.channelIntervalMs ?? 20,
  });
  const clockStart = Date.UTC(2026, 11, 4, 9, 0, 0);
  const test = createTestApp(
    [createFakeProbe('host', () => ({ detail: healthyHost(clockStart) })), createFakeProbe('services', () => ({ detail: activeServices(clockStart) }))],
    { config, deliverers: [adapter.deliverer], commands: [...commands, ...(options.extraCommands ?? [])] },
  );
  app = test.app;
  return finishHarness({ mode, fake, adapter, test, dispatched, log, logLines: lines });
}

async function finishHarness(parts: {
  mode: 'http' | 'socket';
  fake: FakeSlack;
  adapter: SlackAdapter;
  test: ReturnType<typeof createTestApp>;
  dispatched: string[];
  log: Logger;
  logLines: () => Array<Record<string, unknown>>;
}): Promise<SlackHarness> {
  const { mode, fake, adapter, test } = parts;
  const http = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    exporter: test.app.exporter,
    runner: test.app.runner,
    log: parts.log,
    now: Date.now,
    version: 't',
    startedAt: Date.now(),
    lastTickAt: () => undefined,
    staleAfterMs: 60_000,
    routes: adapter.route === undefined ? [] : [adapter.route],
  });
  await adapter.start();
  if (mode === 'socket') await fake.socket();
  const endpoint = `http://127.0.0.1:${http.port}/slack/events`;

  const postSigned: SlackHarness['postSigned'] = async (body, options = {}) => {
    const timestamp = String(Math.floor((options.timestamp ?? Date.now()) / 1000));
    const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/x-www-form-urlencoded' };
    if (options.sign !== false) {
      headers['x-slack-request-timestamp'] = timestamp;
      headers['x-slack-signature'] = signSlackRequest(options.secret ?? SIGNING_SECRET, timestamp, body);
    }
    return fetch(endpoint, { method: 'POST', headers, body: options.tamper ? options.tamper(body) : body });
  };
  const commandBody = (text: string, user: ContractUser, responseUrl: string, channel = CHANNEL) =>
    new URLSearchParams({
      token: 'deprecated-verification-token',
      team_id: 'T0FAKE',
      team_domain: 'fake',
      channel_id: channel,
      channel_name: 'ops',
      user_id: user.id,
      user_name: user.name,
      command: '/ops',
      text,
      api_app_id: 'A0FAKE',
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: '1.2.3',
    }).toString();

  const driver = createSlackDriver({ mode, fake, postSigned, commandBody });
  return {
    driver,
    app: test.app,
    store: test.store,
    config: test.config,
    clock: test.clock,
    users: USERS,
    channel: CHANNEL,
    fake,
    adapter,
    http,
    endpoint,
    postSigned,
    commandBody,
    dispatched: () => [...parts.dispatched],
    logLines: parts.logLines,
    async close() {
      await adapter.stop();
      await http.close();
      await fake.close();
      test.store.close();
    },
  };
}


interface DriverParts {
  mode: 'http' | 'socket';
  fake: FakeSlack;
  postSigned: SlackHarness['postSigned'];
  commandBody: SlackHarness['commandBody'];
}

/** The Slack side of the contract: commands and clicks go in as signed requests (or socket envelopes). */
function createSlackDriver(parts: DriverParts): ChatAdapterDriver {
  const { fake } = parts;
  let mark = 0;
  let envelope = 0;

  async function deliverSocket(type: 'slash_commands' | 'interactive', payload: Record<string, unknown>): Promise<number> {
    const socket = await fake.socket();
    const id = `env-${++envelope}`;
    const started = performance.now();
    const acked = new Promise<number>((resolve) => {
      socket.onMessage((text) => {
        if ((JSON.parse(text) as { envelope_id?: string }).envelope_id === id) resolve(performance.now() - started);
      });
    });
    socket.send(JSON.stringify({ envelope_id: id, type, payload, accepts_response_payload: type === 'slash_commands' }));
    return acked;
  }

  const driver: ChatAdapterDriver = {
    platform: 'slack',
    async sendCommand(text, user, options = {}) {
      mark = collectPosts(fake).length;
      const full = options.public === true ? `${text} --public` : text;
      const responseUrl = fake.responseUrl();
      if (parts.mode === 'socket') {
        const payload = Object.fromEntries(new URLSearchParams(parts.commandBody(full, user, responseUrl, options.channel)));
        return { ackMs: await deliverSocket('slash_commands', payload) };
      }
      const started = performance.now();
      const response = await parts.postSigned(parts.commandBody(full, user, responseUrl, options.channel));
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`slash command answered HTTP ${response.status}`);
      return { ackMs: performance.now() - started };
    },
    async clickButton(post, label, user) {
      mark = collectPosts(fake).length;
      const payload = blockActionsPayload(post, label, user, fake.responseUrl());
      if (parts.mode === 'socket') return { ackMs: await deliverSocket('interactive', payload) };
      const started = performance.now();
      const response = await parts.postSigned(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`button press answered HTTP ${response.status}`);
      return { ackMs: performance.now() - started };
    },
    async waitForReply(match, timeoutMs = 5_000) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const posts = collectPosts(fake);
        const found = match === undefined ? posts[mark] : posts.find(match);
        if (found !== undefined) return found;
        if (performance.now() > deadline) throw new Error(`no matching post within ${timeoutMs} ms; posts: ${JSON.stringify(posts.map((p) => p.text.slice(0, 80)))}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    lastPosts: () => collectPosts(fake),
  };
  return driver;
}

/** A block_actions payload as Slack sends it for a press on `post`'s button `label`. */
export function blockActionsPayload(post: ContractPost, label: string, user: ContractUser, responseUrl: string): Record<string, unknown> {
  const button = post.buttons.find((b) => b.label === label);
  if (button === undefined) throw new Error(`no button "${label}" on the post; it has ${post.buttons.map((b) => b.label).join(', ')}`);
  const raw = post.raw as { text?: string; blocks?: unknown[]; attachments?: unknown[] };
  const value = findButtonValue(raw, button.id);
  return {
    type: 'block_actions',
    user: { id: user.id, username: user.name, name: user.name, team_id: 'T0FAKE' },
    api_app_id: 'A0FAKE',
    token: 'deprecated',
    container: { type: 'message', message_ts: post.id, channel_id: post.channel, is_ephemeral: post.visibility === 'ephemeral' },
    trigger_id: '1.2.3',
    team: { id: 'T0FAKE', domain: 'fake' },
    channel: post.channel === undefined ? undefined : { id: post.channel, name: 'ops' },
    message: post.id === undefined ? undefined : { type: 'message', ts: post.id, text: raw.text, blocks: raw.blocks, attachments: raw.attachments },
    response_url: responseUrl,
    actions: [{ type: 'button', action_id: button.id, block_id: 'b1', text: { type: 'plain_text', text: label }, value, action_ts: '1700000000.1' }],
  };
}

function findButtonValue(raw: { blocks?: unknown[]; attachments?: unknown[] }, actionId: string): string | undefined {
  for (const block of allBlocks(raw)) {
    for (const element of (block as { elements?: Array<{ action_id?: string; value?: string }> }).elements ?? []) {
      if (element.action_id === actionId) return element.value;
    }
  }
  return undefined;
}

function allBlocks(raw: { blocks?: unknown[]; attachments?: unknown[] }): unknown[] {
  return [...(raw.blocks ?? []), ...((raw.attachments ?? []) as Array<{ blocks?: unknown[] }>).flatMap((a) => a.blocks ?? [])];
}

/** Every text object a person sees in a message, unescaped. */
export function visibleText(raw: { text?: string; blocks?: unknown[]; attachments?: unknown[] }): string {
  const texts: string[] = [];
  const add = (t: unknown) => {
    if (t && typeof t === 'object' && typeof (t as { text?: unknown }).text === 'string') texts.push((t as { text: string }).text);
  };
  for (const block of allBlocks(raw) as Array<Record<string, unknown>>) {
    add(block['text']);
    for (const field of (block['fields'] as unknown[]) ?? []) add(field);
    for (const element of (block['elements'] as Array<Record<string, unknown>>) ?? []) {
      if (element['type'] === 'button') add(element['text']);
      else add(element);
    }
  }
  if (texts.length === 0 && typeof raw.text === 'string') texts.push(raw.text);
  return texts.join('\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function buttonsOf(raw: { blocks?: unknown[]; attachments?: unknown[] }): ContractButton[] {
  const buttons: ContractButton[] = [];
  for (const block of allBlocks(raw) as Array<{ type?: string; elements?: Array<{ type?: string; action_id?: string; text?: { text?: string } }> }>) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements ?? []) if (element.type === 'button') buttons.push({ id: element.action_id ?? '', label: element.text?.text ?? '' });
  }
  return buttons;
}

/** What the fake Slack received, as the contract's posts, in arrival order. */
export function collectPosts(fake: FakeSlack): ContractPost[] {
  type Timed = ContractPost & { at: number };
  const posts: Timed[] = [];
  for (const r of fake.responses) {
    if (r.body['delete_original'] === true) continue;
    const raw = r.body as { text?: string; blocks?: unknown[]; attachments?: unknown[] };
    posts.push({
      visibility: r.body['response_type'] === 'in_channel' ? 'public' : 'ephemeral',
      kind: r.body['replace_original'] === true ? 'edit' : 'new',
      channel: CHANNEL,
      id: undefined,
      threadOf: undefined,
      text: visibleText(raw),
      buttons: buttonsOf(raw),
      raw,
      at: r.at,
    });
  }
  for (const call of fake.calls) {
    if (call.status !== 200 || call.answer?.['ok'] !== true) continue;
    const raw = call.args as { text?: string; blocks?: unknown[]; attachments?: unknown[]; channel?: string; ts?: string; thread_ts?: string };
    const base = { channel: raw.channel, threadOf: raw.thread_ts, text: visibleText(raw), buttons: buttonsOf(raw), raw, at: call.at };
    if (call.method === 'chat.postMessage') posts.push({ ...base, visibility: 'public', kind: 'new', id: String(call.answer['ts']) });
    else if (call.method === 'chat.postEphemeral') posts.push({ ...base, visibility: 'ephemeral', kind: 'new', id: undefined });
    else if (call.method === 'chat.update') posts.push({ ...base, visibility: 'public', kind: 'edit', id: raw.ts });
  }
  return posts.sort((a, b) => a.at - b.at).map(({ at: _at, ...post }) => post);
}
