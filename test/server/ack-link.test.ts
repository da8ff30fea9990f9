import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAckLinkIssuer, createAckLinkIssuerFromConfig, createAckRoute, signAckToken, verifyAckToken, type AckClaims } from '../../src/server/ack-link.js';
import type { HttpServer } from '../../src/server/http-server.js';
import { startRoutesServer } from '../helpers/http-server.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { AckRecord, AlertRecord, Store } from '../../src/store/store.js';
import { firingAlert } from '../escalation/support/fixtures.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { createFakeClock, testConfig } from '../helpers/test-app.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const SECRET = 'a-secret-of-at-least-32-characters-0123';
const HOUR = 3_600_000;

describe('ack tokens', () => {
  const claims: AckClaims = { fingerprint: 'fp1', firedAt: 1_000, recipient: 'ana@example.org', expiresAt: 10_000 };

  it('verifies a token it signed until it expires', () => {
    const token = signAckToken(claims, SECRET);
    expect(verifyAckToken(token, SECRET, 9_999)).toEqual({ ok: true, claims });
    expect(verifyAckToken(token, SECRET, 10_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('calls any change to the payload or signature, or another secret, forged', () => {
    const token = signAckToken(claims, SECRET);
    const [payload = '', signature = ''] = token.split('.');
    const longer = Buffer.from(JSON.stringify({ f: 'fp1', s: 1_000, r: 'ana@example.org', x: 99_999_999 })).toString('base64url');
    const flipLast = (text: string) => text.slice(0, -1) + (text.endsWith('A') ? 'B' : 'A');
    for (const bad of [`${longer}.${signature}`, `${payload}.${flipLast(signature)}`, `${flipLast(payload)}.${signature}`, signAckToken(claims, 'another-secret-of-32-characters-xxxxxx'), payload, `.${signature}`, '', 'x'.repeat(5_000)]) {
      expect(verifyAckToken(bad, SECRET, 0)).toEqual({ ok: false, reason: 'forged' });
    }
    // An expired token with a bad signature is forged, not expired: nothing about it can be believed.
    expect(verifyAckToken(signAckToken(claims, 'another-secret-of-32-characters-xxxxxx'), SECRET, 20_000)).toEqual({ ok: false, reason: 'forged' });
  });

  it('builds links under the public URL, keeping a path prefix', () => {
    const link = createAckLinkIssuer({ publicUrl: 'https://example.org/ops', secret: SECRET, ttlMs: HOUR }).linkFor({ fingerprint: 'fp1', firedAt: 5 }, 'ana@example.org', 1_000);
    expect(link.expiresAt).toBe(1_000 + HOUR);
    const url = new URL(link.url);
    expect(`${url.origin}${url.pathname}`).toBe('https://example.org/ops/ack');
    expect(verifyAckToken(url.searchParams.get('token') ?? '', SECRET, 2_000)).toMatchObject({ ok: true, claims: { recipient: 'ana@example.org', firedAt: 5 } });
  });

  it('mints links only when the public URL and the secret are configured', () => {
    const dir = makeTempDir();
    expect(createAckLinkIssuerFromConfig(testConfig(dir))).toBeUndefined();
    const config = testConfig(dir, { CINEMATA_OPS_PUBLIC_URL: 'https://ops.example.org', CINEMATA_OPS_ACK_SECRET: SECRET });
    expect(createAckLinkIssuerFromConfig(config)?.linkFor({ fingerprint: 'f', firedAt: 1 }, 'a@example.org', 0).url).toMatch(/^https:\/\/ops\.example\.org\/ack\?token=/);
  });
});

describe('GET /ack', () => {
  let server: HttpServer | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await server?.close();
    store?.close();
    server = undefined;
    store = undefined;
  });

  async function start(alert?: AlertRecord) {
    const clock = createFakeClock();
    const { log, lines } = createCapturingLogger();
    const s = openSqliteStore(join(makeTempDir(), 'store.sqlite'));
    store = s;
    if (alert) s.upsertAlert(alert);
    const acked: AckRecord[] = [];
    const started = await startRoutesServer({ now: clock.now, log, routes: [createAckRoute({ store: s, secret: SECRET, now: clock.now, log, timezone: 'UTC', onAcknowledged: (_a, ack) => acked.push(ack) })] });
    server = started;
    const base = `http://127.0.0.1:${started.port}`;
    const issuer = createAckLinkIssuer({ publicUrl: base, secret: SECRET, ttlMs: HOUR });
    return { clock, store: s, base, issuer, acked, logLines: lines };
  }

  const acks = (s: Store) => s.listAudit().filter((e) => e.action === 'ack');

  it('records the ack once, names the recipient, and says so on a second click', async () => {
    const t = await start(firingAlert(Date.UTC(2026, 11, 4, 8, 0)));
    const { url } = t.issuer.linkFor({ fingerprint: 'fp-disk-root', firedAt: Date.UTC(2026, 11, 4, 8, 0) }, 'ana@example.org', t.clock.now());
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await first.text()).toContain('<h1 style="font-size:1.4rem;color:#1a7f37">Acknowledged</h1>');
    expect(t.store.getAck('fp-disk-root')).toEqual({ fingerprint: 'fp-disk-root', by: 'ana@example.org', at: t.clock.now(), note: 'acknowledged with the link in the escalation email' });
    expect(t.acked).toHaveLength(1);

    t.clock.advance(60_000);
    const again = await fetch(url);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('was acknowledged by ana@example.org at 2026-12-04 09:00 UTC');
    expect(acks(t.store)).toHaveLength(1);
    expect(JSON.stringify(t.logLines())).not.toContain(new URL(url).searchParams.get('token'));
  });

  it('answers HEAD (mail scanners) without recording anything', async () => {
    const t = await start(firingAlert(1_000));
    const { url } = t.issuer.linkFor({ fingerprint: 'fp-disk-root', firedAt: 1_000 }, 'ana@example.org', t.clock.now());
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(200);
    expect(t.store.getAck('fp-disk-root')).toBeUndefined();
  });

  it('refuses forged, expired, unknown-alert, earlier-firing and resolved links, recording nothing', async () => {
    const t = await start(firingAlert(1_000));
    const valid = (fingerprint = 'fp-disk-root', firedAt = 1_000) => t.issuer.linkFor({ fingerprint, firedAt }, 'ana@example.org', t.clock.now()).url;
    const forged = createAckLinkIssuer({ publicUrl: t.base, secret: 'not-the-secret-but-32-characters-long', ttlMs: HOUR }).linkFor({ fingerprint: 'fp-disk-root', firedAt: 1_000 }, 'eve@example.org', t.clock.now()).url;
    const cases: Array<[string, number, string]> = [
      [forged, 403, 'This acknowledge link is not valid'],
      [`${t.base}/ack?token=garbage`, 403, 'This acknowledge link is not valid'],
      [`${t.base}/ack`, 400, 'No acknowledge token'],
      [valid('fp-unknown'), 410, 'Unknown alert'],
      [valid('fp-disk-root', 999), 410, 'This link is for an earlier firing'],
    ];
    const expired = valid();
    for (const [url, status, text] of cases) {
      const res = await fetch(url);
      expect([url, res.status]).toEqual([url, status]);
      expect(await res.text()).toContain(text);
    }
    t.clock.advance(HOUR);
    const late = await fetch(expired);
    expect(late.status).toBe(410);
    expect(await late.text()).toContain('This acknowledge link has expired');

    t.store.upsertAlert(firingAlert(1_000, { status: 'resolved', resolvedAt: t.clock.now() }));
    const resolved = await fetch(valid());
    expect(resolved.status).toBe(410);
    expect(await resolved.text()).toContain('Already resolved');

    expect(t.store.getAck('fp-disk-root')).toBeUndefined();
    expect(acks(t.store)).toEqual([]);
    expect(t.acked).toEqual([]);
    expect(t.logLines().filter((l) => l['msg'] === 'refused an acknowledge link with a bad signature')).toHaveLength(2);
  });

  it('escapes alert text on the page', async () => {
    const t = await start(firingAlert(1_000, { summary: '<b>disk</b> "full"' }));
    const page = await (await fetch(t.issuer.linkFor({ fingerprint: 'fp-disk-root', firedAt: 1_000 }, 'ana@example.org', t.clock.now()).url)).text();
    expect(page).toContain('&lt;b&gt;disk&lt;/b&gt; &quot;full&quot;');
    expect(page).not.toContain('<b>');
  });

  it('leaves /healthz, /metrics and unknown paths as they were', async () => {
    const t = await start();
    expect((await fetch(`${t.base}/healthz`)).status).toBe(200);
    expect((await fetch(`${t.base}/metrics`)).status).toBe(200);
    expect((await fetch(`${t.base}/ackx`)).status).toBe(404);
    expect((await fetch(`${t.base}/ack`, { method: 'POST' })).status).toBe(405);
  });
});
