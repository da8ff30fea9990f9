import { generateKeyPairSync, sign } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createInteractionsRoute } from '../../../src/chat/discord/interactions-endpoint.js';
import { startHttpServer, type HttpServer } from '../../../src/server/http-server.js';
import { createSilentLogger } from '../../../src/log.js';
import { createDiscordHarness, type DiscordHarness } from './harness.js';
import { APPLICATION_ID, ping, slashCommand } from './payloads.js';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
/** The raw 32-byte key, hex, as the developer portal shows it. */
const PUBLIC_KEY_HEX = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');

let h: DiscordHarness | undefined;
let server: HttpServer | undefined;
afterEach(async () => {
  await server?.close();
  await h?.close();
  server = undefined;
  h = undefined;
});

/** The bot's own HTTP server with the Discord route, as main.ts would mount it. */
async function start(): Promise<string> {
  h = await createDiscordHarness();
  const log = createSilentLogger();
  const route = createInteractionsRoute({ publicKey: PUBLIC_KEY_HEX, handler: h.handler, log });
  server = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    exporter: h.test.app.exporter,
    runner: h.test.app.runner,
    log,
    now: Date.now,
    version: 't',
    startedAt: Date.now(),
    lastTickAt: () => undefined,
    staleAfterMs: 60_000,
    routes: [route],
  });
  return `http://127.0.0.1:${server.port}${route.path}`;
}

async function post(url: string, payload: unknown, options: { tamper?: boolean; unsigned?: boolean } = {}): Promise<{ status: number; body: unknown }> {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (!options.unsigned) {
    headers['x-signature-ed25519'] = signature;
    headers['x-signature-timestamp'] = timestamp;
  }
  const response = await fetch(url, { method: 'POST', headers, body: options.tamper ? body.replace('"type":1', '"type":2') : body });
  return { status: response.status, body: await response.json() };
}

describe('Discord HTTP interactions endpoint', () => {
  it('answers a signed PING with PONG', async () => {
    const url = await start();
    expect(await post(url, ping())).toEqual({ status: 200, body: { type: 1 } });
  });

  it('refuses with 401 when the signature is missing or does not match the body', async () => {
    const url = await start();
    expect((await post(url, ping(), { unsigned: true })).status).toBe(401);
    expect((await post(url, ping(), { tamper: true })).status).toBe(401);
    expect(h?.dispatched).toEqual([]);
  });

  it('defers in the HTTP response and follows up over REST when a command arrives', async () => {
    const url = await start();
    const interaction = slashCommand('health');
    expect(await post(url, interaction)).toEqual({ status: 200, body: { type: 5, data: { flags: 64 } } });
    const edit = await h?.fake.waitFor((c) => c.method === 'PATCH' && c.path === `/webhooks/${APPLICATION_ID}/${interaction.token}/messages/@original`);
    expect((edit?.body as { embeds: Array<{ title: string }> }).embeds[0]?.title).toMatch(/^\[OK\] Health of /);
    // The initial response went back in the HTTP answer, not over REST.
    expect(h?.fake.find('POST', /\/callback$/)).toEqual([]);
  });
});
