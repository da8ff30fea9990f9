import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../src/chat/slack/slack-adapter.js';
import type { ThreadedReport } from '../../../src/chat/slack/thread-book.js';
import type { Report } from '../../../src/reports/report.js';
import { renderSlack } from '../../../src/render/slack/slack-renderer.js';
import { createCapturingLogger } from '../../helpers/capture-log.js';
import { expectNothingLost } from './content-check.js';
import { overLimitReport } from './report-fixtures.js';
import { blockActionsPayload, CHANNEL, collectPosts, startSlackHarness, USERS, type SlackHarness } from './slack-harness.js';

let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(channelIntervalMs?: number): Promise<SlackHarness> {
  harness = await startSlackHarness({ mode: 'http', channelIntervalMs });
  return harness;
}

const report = (title: string, extra: Partial<ThreadedReport> = {}): ThreadedReport => ({
  title,
  severity: 'warning',
  summary: `${title} summary`,
  sections: [{ blocks: [{ kind: 'text', text: `${title} body` }] }],
  generatedAt: Date.UTC(2026, 11, 4, 9, 0, 0),
  ...extra,
});

const okPosts = (h: SlackHarness) => h.fake.callsOf('chat.postMessage').filter((c) => c.status === 200 && c.answer?.['ok'] === true);

describe('Slack delivery through the persisted outbox', () => {
  it('routes a report to the channels config names for it', async () => {
    const h = await start();
    await h.app.publish('daily-health', report('Daily health'));
    expect(okPosts(h).map((c) => c.args['channel'])).toEqual([CHANNEL]);
    expect(h.store.countOutbox()).toEqual({ pending: 0, dead: 0 });
  });

  it('honours a 429’s Retry-After, retries, and posts the report once', async () => {
    const h = await start();
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    h.app.outbox.enqueue(`slack:${CHANNEL}`, report('Rate limited'));
    expect(await h.app.outbox.drain()).toBe(0);
    const [waiting] = h.store.dueOutbox(Number.MAX_SAFE_INTEGER, 10);
    expect(waiting).toMatchObject({ attempts: 1, lastError: 'rate limited by Slack (Retry-After 1 s)' });
    expect(waiting?.notBefore).toBeGreaterThanOrEqual(h.clock.now() + 1_000);
    h.clock.advance(60_000);
    expect(await h.app.outbox.drain()).toBe(1);
    const calls = h.fake.callsOf('chat.postMessage');
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    // The channel itself stayed quiet for the Retry-After, whatever the outbox's clock said.
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(okPosts(h)).toHaveLength(1);
    expect(h.store.countOutbox()).toEqual({ pending: 0, dead: 0 });
  });

  it('holds a channel paused by a long Retry-After without spending attempts, while other channels go on', async () => {
    const h = await start();
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    h.app.outbox.enqueue(`slack:${CHANNEL}`, report('First to the paused channel'));
    await h.app.outbox.drain();
    h.app.outbox.enqueue(`slack:${CHANNEL}`, report('Second to the paused channel'));
    h.app.outbox.enqueue('slack:C0OTHER', report('To another channel'));
    h.clock.advance(60_000);
    expect(await h.app.outbox.drain()).toBe(1);
    expect(okPosts(h).map((c) => c.args['channel'])).toEqual(['C0OTHER']);
    const waiting = h.store.dueOutbox(Number.MAX_SAFE_INTEGER, 10);
    expect(waiting.map((m) => [m.target, m.attempts])).toEqual([
      [`slack:${CHANNEL}`, 1],
      [`slack:${CHANNEL}`, 0],
    ]);
  });

  it('retries a 5xx within the client, then through the outbox with backoff, and loses nothing', async () => {
    const h = await start();
    h.fake.failNext('chat.postMessage', { status: 500 }, { status: 503 });
    h.app.outbox.enqueue(`slack:${CHANNEL}`, report('Flaky once'));
    expect(await h.app.outbox.drain()).toBe(1);
    expect(h.fake.callsOf('chat.postMessage').map((c) => c.status)).toEqual([500, 503, 200]);

    h.fake.failNext('chat.postMessage', { status: 500 }, { status: 500 }, { status: 502 });
    h.app.outbox.enqueue(`slack:${CHANNEL}`, report('Down for a while'));
    expect(await h.app.outbox.drain()).toBe(0);
    expect(h.fake.callsOf('chat.postMessage').map((c) => c.status)).toEqual([500, 503, 200, 500, 500, 502]);
    expect(h.store.dueOutbox(Number.MAX_SAFE_INTEGER, 10)[0]).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/^Slack answered HTTP 50\d$/) });
    h.clock.advance(15_000);
    expect(await h.app.outbox.drain()).toBe(1);
    expect(okPosts(h).map((c) => String(c.args['text']))).toEqual([expect.stringContaining('Flaky once'), expect.stringContaining('Down for a while')]);
    expect(h.store.countOutbox()).toEqual({ pending: 0, dead: 0 });
  });

  it('dead-letters at once what Slack will never accept', async () => {
    const h = await start();
    h.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    h.app.outbox.enqueue('slack:C0GONE', report('Nowhere'));
    await h.app.outbox.drain();
    expect(h.store.countOutbox()).toEqual({ pending: 0, dead: 1 });
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('posts an over-limit report as messages in a thread plus files, resuming after a failure without duplicates', async () => {
    const h = await start();
    const big = overLimitReport();
    const expected = renderSlack(big);
    h.fake.failNext('chat.postMessage', { pass: true }, { status: 500 }, { status: 500 }, { status: 500 });
    h.app.outbox.enqueue(`slack:${CHANNEL}`, big);
    expect(await h.app.outbox.drain()).toBe(0);
    h.clock.advance(15_000);
    expect(await h.app.outbox.drain()).toBe(1);

    const posted = okPosts(h);
    expect(posted).toHaveLength(expected.messages.length);
    const rootTs = String(posted[0]?.answer?.['ts']);
    expect(posted[0]?.args['thread_ts']).toBeUndefined();
    expect(posted.slice(1).map((c) => c.args['thread_ts'])).toEqual(posted.slice(1).map(() => rootTs));
    const completes = h.fake.callsOf('files.completeUploadExternal');
    expect(completes).toHaveLength(expected.files.length);
    for (const call of completes) expect(call.args).toMatchObject({ channel_id: CHANNEL, thread_ts: rootTs });
    expect(h.fake.uploads.map((u) => u.content)).toEqual(expected.files.map((f) => f.content));

    // What Slack holds now is the whole report: every message as posted, every file as uploaded.
    const received = {
      messages: posted.map((c) => ({ text: String(c.args['text']), blocks: c.args['blocks'] as never, attachments: c.args['attachments'] as never })),
      files: h.fake.uploads.map((u, i) => ({ filename: `f${i}`, title: '', content: u.content })),
    };
    expectNothingLost(big, received);
  });

  it('paces messages to one channel about one interval apart', async () => {
    const h = await start(150);
    for (let i = 0; i < 4; i++) h.app.outbox.enqueue(`slack:${CHANNEL}`, report(`Paced ${i}`));
    expect(await h.app.outbox.drain()).toBe(4);
    const at = okPosts(h).map((c) => c.at);
    for (let i = 1; i < at.length; i++) expect((at[i] ?? 0) - (at[i - 1] ?? 0)).toBeGreaterThanOrEqual(140);
  });
});

describe('alert threads', () => {
  const firing = (): ThreadedReport => ({
    title: 'CRITICAL: Disk /srv/media is 96% full',
    severity: 'critical',
    summary: 'Disk /srv/media is 96% full',
    sections: [{ blocks: [{ kind: 'fields', fields: [{ label: 'Value', value: '96 %' }] }] }],
    actions: [
      { id: 'ack', label: 'Acknowledge', style: 'primary', command: 'ack c0ffee12' },
      { id: 'silence', label: 'Silence 1h', command: 'silence c0ffee12 1h "from chat"' },
    ],
    generatedAt: Date.UTC(2026, 11, 4, 9, 0, 0),
    threadKey: 'severity=critical,rule=disk-critical@1796374500000',
  });

  it('posts the first report of a conversation to the channel, later ones to its thread, and edits the first one’s status', async () => {
    const h = await start();
    await h.app.publish('alerts', firing());
    h.app.outbox.enqueue(`slack:${CHANNEL}`, firing());
    await h.app.outbox.drain();
    h.app.outbox.enqueue(`slack:${CHANNEL}`, {
      ...firing(),
      title: 'Still firing: Disk /srv/media is 96% full',
      generatedAt: Date.UTC(2026, 11, 4, 13, 0, 0),
    });
    h.app.outbox.enqueue(`slack:${CHANNEL}`, {
      title: 'RESOLVED: Disk /srv/media is 96% full',
      severity: 'ok',
      sections: [],
      generatedAt: Date.UTC(2026, 11, 4, 14, 0, 0),
      threadKey: firing().threadKey,
    } as Report);
    await h.app.outbox.drain();

    const posted = okPosts(h);
    const rootTs = String(posted[0]?.answer?.['ts']);
    expect(posted.map((c) => c.args['thread_ts'])).toEqual([undefined, rootTs, rootTs]);
    const edits = h.fake.callsOf('chat.update');
    expect(edits.map((c) => c.args['ts'])).toEqual([rootTs, rootTs]);
    const last = JSON.stringify(edits[1]?.args);
    expect(last).toContain('*Now:* RESOLVED: Disk /srv/media is 96% full');
    expect(last).toContain('#2EB67D');
    expect(last).not.toContain('"actions"');
    expect(JSON.stringify(edits[0]?.args)).toContain('Acknowledge');
  });

  it('keeps threading after a restart: the conversation is in the store', async () => {
    const h = await start();
    h.app.outbox.enqueue(`slack:${CHANNEL}`, firing());
    await h.app.outbox.drain();
    const rootTs = String(okPosts(h)[0]?.answer?.['ts']);
    const restarted = createSlackAdapter({
      botToken: 'xoxb-test',
      signingSecret: '0'.repeat(32),
      dispatch: h.app.dispatch,
      store: () => h.store,
      roles: h.config.roles,
      log: createCapturingLogger().log,
      apiUrl: h.fake.apiUrl,
      channelIntervalMs: 10,
    });
    const result = await restarted.deliverer.deliver(CHANNEL, { ...firing(), title: 'RESOLVED', severity: 'ok', actions: [] } as Report);
    expect(result).toEqual({ ok: true });
    expect(okPosts(h).at(-1)?.args['thread_ts']).toBe(rootTs);
  });

  it('marks on the first message who pressed which button, and answers in the thread', async () => {
    const h = await start();
    h.store.upsertAlert({
      fingerprint: 'c0ffee1234abcd56',
      ruleId: 'disk-critical',
      status: 'firing',
      severity: 'critical',
      labels: { mount: '/srv/media' },
      summary: 'Disk /srv/media is 96% full',
      value: 96,
      startsAt: 0,
      updatedAt: 0,
      firedAt: 0,
      resolvedAt: null,
      lastNotifiedAt: null,
    });
    h.app.outbox.enqueue(`slack:${CHANNEL}`, firing());
    await h.app.outbox.drain();
    const [root] = collectPosts(h.fake);
    if (root === undefined) throw new Error('nothing posted');
    const payload = blockActionsPayload(root, 'Acknowledge', USERS.operator, h.fake.responseUrl());
    const response = await h.postSigned(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
    expect(response.status).toBe(200);
    const edit = await h.driver.waitForReply((p) => p.kind === 'edit');
    expect(edit.id).toBe(root.id);
    expect(edit.text).toContain('<@U0OPERATOR> ran `/ops ack c0ffee12`: Acknowledged 1 alert');
    expect(edit.buttons.map((b) => b.label)).toEqual(['Acknowledge', 'Silence 1h']);
    const answer = okPosts(h).at(-1);
    expect(answer?.args['thread_ts']).toBe(root.id);
    expect(String(answer?.args['text'])).toContain('Acknowledged 1 alert');
  });
});
