import { afterEach, describe, expect, it } from 'vitest';
import { signSlackRequest, verifySlackSignature } from '../../../src/chat/slack/verify-signature.js';
import { SIGNING_SECRET, startSlackHarness, USERS, type SlackHarness } from './slack-harness.js';

let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(): Promise<SlackHarness> {
  harness = await startSlackHarness({ mode: 'http' });
  return harness;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('POST /slack/events on the bot’s HTTP server', () => {
  it('answers a signed slash command with 200 and an empty body, and dispatches it as the Slack user', async () => {
    const h = await start();
    const response = await h.postSigned(h.commandBody('version', USERS.viewer, h.fake.responseUrl()));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    await h.driver.waitForReply();
    expect(h.dispatched()).toEqual(['U0VIEWER version']);
  });

  it('answers a signed button press (payload= JSON) with 200', async () => {
    const h = await start();
    const payload = {
      type: 'block_actions',
      user: { id: USERS.viewer.id, username: USERS.viewer.name },
      container: { type: 'message', is_ephemeral: true },
      response_url: h.fake.responseUrl(),
      actions: [{ type: 'button', action_id: 'ops:0:version', value: 'version' }],
    };
    const response = await h.postSigned(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
    expect(response.status).toBe(200);
    const reply = await h.driver.waitForReply();
    expect(reply.visibility).toBe('ephemeral');
    expect(h.dispatched()).toEqual(['U0VIEWER version']);
  });

  it.each([
    ['unsigned', { sign: false }],
    ['signed with another secret', { secret: 'ffffffffffffffffffffffffffffffff' }],
    ['tampered with after signing', { tamper: (body: string) => body.replace('text=version', 'text=config') }],
    ['stale (signed 6 minutes ago)', { timestamp: Date.now() - 6 * 60_000 }],
    ['from the future (6 minutes ahead)', { timestamp: Date.now() + 6 * 60_000 }],
  ])('refuses a request that is %s with 401 and never dispatches it', async (_name, options) => {
    const h = await start();
    const response = await h.postSigned(h.commandBody('version', USERS.operator, h.fake.responseUrl()), options);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'invalid_signature' });
    await settle();
    expect(h.dispatched()).toEqual([]);
    expect(h.fake.responses).toEqual([]);
    expect(h.logLines().some((line) => line['msg'] === 'refused a Slack request that failed signature verification')).toBe(true);
  });

  it('refuses a button press with a forged signature header', async () => {
    const h = await start();
    const body = new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'U0OPERATOR' }, actions: [{ action_id: 'ops:0:ack', value: 'ack c0ffee12' }] }) }).toString();
    const response = await fetch(h.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)), 'x-slack-signature': `v0=${'0'.repeat(64)}` },
      body,
    });
    expect(response.status).toBe(401);
    await settle();
    expect(h.dispatched()).toEqual([]);
  });

  it('answers the Events API URL check with its challenge, once signed', async () => {
    const h = await start();
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 'x' });
    const ok = await h.postSigned(body, { contentType: 'application/json' });
    expect(await ok.json()).toEqual({ challenge: 'c-123' });
    expect((await h.postSigned(body, { contentType: 'application/json', sign: false })).status).toBe(401);
  });

  it('refuses other methods on the route and keeps /healthz working', async () => {
    const h = await start();
    expect((await fetch(h.endpoint)).status).toBe(405);
    expect((await fetch(h.endpoint.replace('/slack/events', '/healthz'))).status).toBe(200);
    expect((await fetch(h.endpoint.replace('/slack/events', '/metrics'), { method: 'POST' })).status).toBe(405);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const h = await start();
    const response = await h.postSigned(`text=${'x'.repeat(1024 * 1024 + 10)}`);
    expect(response.status).toBe(413);
  });
});

describe('Slack request signatures', () => {
  const body = Buffer.from('token=x&command=%2Fops&text=health');
  const now = Date.UTC(2026, 11, 4, 9, 0, 0);
  const ts = String(now / 1000);

  it('accepts Slack’s v0 HMAC over the timestamp and the raw body', () => {
    const signature = signSlackRequest(SIGNING_SECRET, ts, body);
    expect(signature).toMatch(/^v0=[0-9a-f]{64}$/);
    expect(verifySlackSignature({ timestamp: ts, signature, rawBody: body }, SIGNING_SECRET, now)).toEqual({ ok: true });
  });

  it('says why it refuses: missing, stale or mismatched', () => {
    const signature = signSlackRequest(SIGNING_SECRET, ts, body);
    expect(verifySlackSignature({ timestamp: undefined, signature, rawBody: body }, SIGNING_SECRET, now)).toEqual({ ok: false, reason: 'missing' });
    expect(verifySlackSignature({ timestamp: ts, signature: 'sha256=abc', rawBody: body }, SIGNING_SECRET, now)).toEqual({ ok: false, reason: 'missing' });
    expect(verifySlackSignature({ timestamp: ts, signature, rawBody: body }, SIGNING_SECRET, now + 5 * 60_000 + 1)).toEqual({ ok: false, reason: 'stale' });
    expect(verifySlackSignature({ timestamp: ts, signature, rawBody: Buffer.from(`${body.toString()}x`) }, SIGNING_SECRET, now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySlackSignature({ timestamp: ts, signature: `${signature.slice(0, -1)}`, rawBody: body }, SIGNING_SECRET, now)).toEqual({ ok: false, reason: 'mismatch' });
  });
});
