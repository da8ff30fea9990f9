import { afterEach, describe, expect, it } from 'vitest';
import { buttonStateKey } from '../../../src/chat/discord/buttons.js';
import { createDiscordApi } from '../../../src/chat/discord/discord-api.js';
import { createDiscordDeliverer } from '../../../src/chat/discord/discord-deliverer.js';
import { renderDiscord } from '../../../src/chat/discord/render-discord.js';
import { createOutboxWorker } from '../../../src/notify/outbox-worker.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import type { Store } from '../../../src/store/store.js';
import { createCapturingLogger } from '../../helpers/capture-log.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { createSampleReport } from '../../render/sample-report.js';
import { createOverLimitReport } from './big-report.js';
import { MISSING_ACCESS, rateLimited, SERVER_ERROR, startFakeDiscordApi, type FakeDiscordApi } from './fake-discord-api.js';
import { CHANNEL_ID } from './payloads.js';

const TOKEN = `MTE4NTMzMDA4MTQzNjIzNzg2NA.GxYz12.${'b'.repeat(38)}`;
const MESSAGES = /^\/channels\/\d+\/messages$/;
const NOW = Date.UTC(2026, 11, 4, 9, 0, 0);

let fake: FakeDiscordApi;
let store: Store;
afterEach(async () => {
  await fake?.close();
  store?.close();
});

async function setup() {
  fake = await startFakeDiscordApi();
  store = openSqliteStore(`${makeTempDir()}/store.sqlite`);
  const deliverer = createDiscordDeliverer({ api: createDiscordApi({ token: TOKEN, apiBase: fake.apiBase }), store, now: () => NOW });
  return deliverer;
}

describe('Discord deliverer', () => {
  it('posts the rendered report to the channel with the bot token and an enforced nonce', async () => {
    const deliverer = await setup();
    expect(deliverer.platform).toBe('discord');
    expect(await deliverer.deliver(CHANNEL_ID, createSampleReport())).toEqual({ ok: true });
    const [post] = fake.calls;
    expect(post?.method).toBe('POST');
    expect(post?.path).toBe(`/channels/${CHANNEL_ID}/messages`);
    expect(post?.headers.authorization).toBe(`Bot ${TOKEN}`);
    const { nonce, enforce_nonce, ...message } = post?.body as Record<string, unknown>;
    expect(message).toEqual(JSON.parse(JSON.stringify(renderDiscord(createSampleReport()).messages[0])));
    expect(enforce_nonce).toBe(true);
    expect(String(nonce).length).toBeLessThanOrEqual(25);
  });

  it('is retryable after retry_after when Discord answers 429 with a long wait', async () => {
    const deliverer = await setup();
    fake.answerNext({ method: 'POST', path: MESSAGES }, rateLimited(30.5));
    const result = await deliverer.deliver(CHANNEL_ID, createSampleReport());
    expect(result).toMatchObject({ ok: false, retryable: true, retryAfterMs: 30_500 });
    expect(fake.calls).toHaveLength(1);
  });

  it('waits out a short 429 and posts the message once', async () => {
    const deliverer = await setup();
    fake.answerNext({ method: 'POST', path: MESSAGES }, rateLimited(0.2));
    const started = Date.now();
    expect(await deliverer.deliver(CHANNEL_ID, createSampleReport())).toEqual({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
    expect(fake.calls).toHaveLength(2);
  });

  it('is retryable when Discord answers 5xx', async () => {
    const deliverer = await setup();
    fake.answerNext({ method: 'POST', path: MESSAGES }, SERVER_ERROR);
    expect(await deliverer.deliver(CHANNEL_ID, createSampleReport())).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('HTTP 500') });
  });

  it('fails for good with the reason and what to do when the bot has no access to the channel', async () => {
    const deliverer = await setup();
    fake.answerNext({ method: 'POST', path: MESSAGES }, MISSING_ACCESS);
    expect(await deliverer.deliver(CHANNEL_ID, createSampleReport())).toEqual({
      ok: false,
      retryable: false,
      error: `discord channel ${CHANNEL_ID}: Missing Access (code 50001, HTTP 403): the bot cannot see the channel: add it to the channel or give it View Channel`,
      retryAfterMs: undefined,
    });
  });

  it('fails for good without calling Discord when the target is not a channel id', async () => {
    const deliverer = await setup();
    expect(await deliverer.deliver('#ops', createSampleReport())).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('is not a channel id') });
    expect(fake.calls).toEqual([]);
  });

  it('resumes a split report at the part that failed, so no part is posted twice', async () => {
    const deliverer = await setup();
    const report = createOverLimitReport();
    const parts = renderDiscord(report).messages.length;
    fake.answerNext({ method: 'POST', path: MESSAGES }, { status: 200, body: { id: '1' } }, 2);
    fake.answerNext({ method: 'POST', path: MESSAGES }, SERVER_ERROR);
    const first = await deliverer.deliver(CHANNEL_ID, report);
    expect(first).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining(`(2 of ${parts} parts were posted)`) });
    expect(await deliverer.deliver(CHANNEL_ID, report)).toEqual({ ok: true });
    const nonces = fake.calls.map((c) => (c.body as { nonce: string }).nonce);
    expect(nonces).toHaveLength(parts + 1);
    expect(nonces[3]).toBe(nonces[2]);
    expect(new Set(nonces).size).toBe(parts);
    // Buttons whose command is too long for a custom_id can be resolved when clicked.
    for (const [key, command] of Object.entries(renderDiscord(report).buttonKeys)) {
      expect(store.getState<{ command: string }>(buttonStateKey(key))?.command).toBe(command);
    }
  });

  it('delivers through the outbox, which reschedules a 429 no earlier than retry_after', async () => {
    const deliverer = await setup();
    let now = NOW;
    const { log } = createCapturingLogger();
    const outbox = createOutboxWorker({ store, deliverers: [deliverer], log, now: () => now });
    fake.answerNext({ method: 'POST', path: MESSAGES }, rateLimited(120));
    outbox.enqueue(`discord:${CHANNEL_ID}`, createSampleReport());
    expect(await outbox.drain()).toBe(0);
    now += 60_000;
    expect(await outbox.drain()).toBe(0);
    expect(fake.calls).toHaveLength(1);
    now += 61_000;
    expect(await outbox.drain()).toBe(1);
    expect(fake.calls).toHaveLength(2);
    expect(store.countOutbox()).toEqual({ pending: 0, dead: 0 });
  });
});
