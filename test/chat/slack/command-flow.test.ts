import { afterEach, describe, expect, it } from 'vitest';
import { parseCommandText } from '../../../src/chat/slack/parse-command-text.js';
import { defineCommand, type Command, type OptionSpecs } from '../../../src/dispatch/command.js';
import { expectNothingLost } from './content-check.js';
import { overLimitReport } from './report-fixtures.js';
import { collectPosts, startSlackHarness, USERS, type SlackHarness } from './slack-harness.js';

let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const slow = defineCommand({
  name: 'slow',
  summary: 'takes a while',
  description: 'A diagnostic that takes 400 ms.',
  options: {},
  role: 'viewer',
  async execute(ctx) {
    await new Promise((resolve) => setTimeout(resolve, 400));
    return { title: 'Slow diagnostic done', severity: 'ok', sections: [], generatedAt: ctx.now() };
  },
}) as unknown as Command<OptionSpecs>;

const slowFailing = defineCommand({
  name: 'slow-failing',
  summary: 'takes a while, then refuses',
  description: 'd',
  options: {},
  role: 'admin',
  async execute() {
    throw new Error('unreachable: admin only');
  },
}) as unknown as Command<OptionSpecs>;

const huge = defineCommand({
  name: 'huge',
  summary: 'an answer longer than five messages',
  description: 'd',
  options: {},
  role: 'viewer',
  async execute() {
    return overLimitReport();
  },
}) as unknown as Command<OptionSpecs>;

async function start(progressAfterMs = 100): Promise<SlackHarness> {
  harness = await startSlackHarness({ mode: 'http', progressAfterMs, extraCommands: [slow, slowFailing, huge] });
  return harness;
}

async function waitForResponses(h: SlackHarness, count: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (h.fake.responses.length < count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} response_url posts, got ${h.fake.responses.length}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('answering /ops', () => {
  it('shows "working…" for a slow command and replaces it with the answer', async () => {
    const h = await start();
    const { ackMs } = await h.driver.sendCommand('slow', USERS.viewer);
    expect(ackMs).toBeLessThan(400);
    await waitForResponses(h, 2);
    const [working, answer] = h.fake.responses.map((r) => r.body);
    expect(working).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: expect.stringContaining('Working on `/ops slow`') });
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: true, text: expect.stringContaining('Slow diagnostic done') });
  });

  it('answers a slow --public command in the channel, replacing its public "working…"', async () => {
    const h = await start();
    await h.driver.sendCommand('slow', USERS.viewer, { public: true });
    await waitForResponses(h, 2);
    expect(h.fake.responses.map((r) => [r.body['response_type'], r.body['replace_original']])).toEqual([
      ['in_channel', false],
      ['in_channel', true],
    ]);
  });

  it('keeps a refusal ephemeral even after a public "working…": deletes that first', async () => {
    const h = await start(0);
    await h.driver.sendCommand('slow-failing', USERS.viewer, { public: true });
    await waitForResponses(h, 3);
    const bodies = h.fake.responses.map((r) => r.body);
    expect(bodies[0]).toMatchObject({ response_type: 'in_channel' });
    expect(bodies[1]).toEqual({ delete_original: true });
    expect(bodies[2]).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('slow-failing needs the admin role; you are viewer') });
  });

  it('gives the report as JSON with --json', async () => {
    const h = await start();
    await h.driver.sendCommand('version --json', USERS.viewer);
    const reply = await h.driver.waitForReply();
    expect(reply.text).toContain('"schema": "cinemata-ops/report@1"');
  });

  it('turns `<command> --help` into help for that command, and nothing into help', async () => {
    expect(parseCommandText('health --help')).toEqual({ command: 'help', args: ['health'], public: false, json: false });
    expect(parseCommandText('')).toEqual({ command: 'help', args: [], public: false, json: false });
    expect(parseCommandText('slow-queries --limit 5 --public')).toEqual({ command: 'slow-queries', args: ['--limit', '5'], public: true, json: false });
    expect(parseCommandText('silence mount=/data 2h "resizing the volume"')).toMatchObject({ args: ['mount=/data', '2h', 'resizing the volume'] });
  });

  it('says "/ops help", not the terminal command, in hints', async () => {
    const h = await start();
    await h.driver.sendCommand('zzzzzz', USERS.viewer);
    const reply = await h.driver.waitForReply();
    expect(reply.text).toContain('unknown command "zzzzzz"');
    expect(reply.text).toContain('run: /ops help');
  });

  it('shows an answer longer than five replies in full: the rest goes by chat.postEphemeral', async () => {
    const h = await start(10_000);
    await h.driver.sendCommand('huge', USERS.viewer);
    const deadline = Date.now() + 10_000;
    while (h.fake.callsOf('chat.postEphemeral').length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    expect(h.fake.responses).toHaveLength(4);
    const posts = collectPosts(h.fake).filter((p) => p.visibility === 'ephemeral');
    const messages = posts.map((p) => p.raw as { text: string; blocks: never; attachments?: never });
    expectNothingLost(overLimitReport(), { messages, files: [] });
    expect(h.fake.callsOf('chat.postEphemeral').every((c) => c.args['user'] === USERS.viewer.id)).toBe(true);
  });

  it('says how much is missing when the rest cannot be posted either', async () => {
    const h = await start(10_000);
    h.fake.failNext('chat.postEphemeral', { error: 'channel_not_found' });
    await h.driver.sendCommand('huge', USERS.viewer);
    await waitForResponses(h, 5);
    const last = h.fake.responses.at(-1)?.body;
    expect(last).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^:warning: This answer has \d+ parts and \d+ of them could not be shown here/) });
  });

  it('grants nothing when Slack cannot tell the user’s groups', async () => {
    const h = await start();
    h.fake.failNext('usergroups.users.list', { error: 'missing_scope' });
    await h.driver.sendCommand('config', USERS.groupOperator);
    const reply = await h.driver.waitForReply();
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.text).toContain('config needs the operator role; you are viewer');
  });

  it('reads user groups once for many commands', async () => {
    const h = await start();
    for (let i = 0; i < 3; i++) {
      await h.driver.sendCommand('version', USERS.groupOperator);
      await h.driver.waitForReply();
    }
    expect(h.fake.callsOf('usergroups.users.list')).toHaveLength(1);
  });
});
