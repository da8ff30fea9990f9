import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEscalator } from '../../src/escalation/escalator.js';
import { createEmailDeliverer, type EmailDeliverer } from '../../src/notify/email/email-deliverer.js';
import { createOutboxWorker } from '../../src/notify/outbox-worker.js';
import { createAckLinkIssuer, createAckRoute } from '../../src/server/ack-link.js';
import type { HttpServer } from '../../src/server/http-server.js';
import { startRoutesServer } from '../helpers/http-server.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { createFakeClock } from '../helpers/test-app.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { configFromYaml, firingAlert, ROSTER_YAML } from './support/fixtures.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';

const MINUTE = 60_000;
const SECRET = 'test-secret-0123456789abcdef0123456789abcdef';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The pieces main.ts wires together: store, outbox with the email deliverer, escalation, HTTP server with /ack. */
async function startBot(sink: SmtpSink) {
  const clock = createFakeClock();
  const { log, lines } = createCapturingLogger();
  const store = openSqliteStore(join(makeTempDir(), 'store.sqlite'));
  cleanups.push(() => store.close());
  const config = configFromYaml(ROSTER_YAML);
  const email: EmailDeliverer = createEmailDeliverer({ smtpUrl: sink.url, from: 'ops-bot@example.org', log, timeouts: { connection: 2_000, greeting: 2_000, socket: 5_000 } });
  cleanups.push(() => email.close());
  const outbox = createOutboxWorker({ store, deliverers: [email], log, now: clock.now });
  const http: HttpServer = await startRoutesServer({ now: clock.now, log, routes: [createAckRoute({ store, secret: SECRET, now: clock.now, log, timezone: 'UTC' })] });
  cleanups.push(() => http.close());
  const escalator = createEscalator({
    store,
    config,
    enqueue: outbox.enqueue,
    log,
    now: clock.now,
    instance: 'bot',
    ackLinks: createAckLinkIssuer({ publicUrl: `http://127.0.0.1:${http.port}`, secret: SECRET, ttlMs: config.oncall.ackLinkTtl }),
    runbookFor: () => 'Free space: journalctl --vacuum-size=500M, then check <script>alert(1)</script> in /srv/media.',
    platforms: outbox.platforms,
  });
  /** One sampling round as far as escalation goes: escalate, then deliver what is due. */
  const tick = async (minutes = 1) => {
    for (let i = 0; i < minutes; i++) {
      clock.advance(MINUTE);
      escalator.tick();
      await outbox.drain();
    }
  };
  return { clock, store, outbox, tick, logLines: lines };
}

function ackLinkIn(text: string): string {
  const link = /http:\/\/127\.0\.0\.1:\d+\/ack\?token=[\w.-]+/.exec(text)?.[0];
  if (!link) throw new Error(`no ack link in:\n${text}`);
  return link;
}

describe('email escalation over real SMTP', () => {
  it('emails the primary on-call, and the ack link in it records the ack and stops the next step', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.stop());
    const bot = await startBot(sink);
    bot.store.upsertAlert(firingAlert(bot.clock.now()));
    await bot.tick(4);
    expect(sink.messages).toHaveLength(0);
    await bot.tick(1);
    const [mail] = await sink.waitFor(1);
    if (!mail) throw new Error('no mail');

    expect(mail.from).toBe('ops-bot@example.org');
    expect(mail.to).toEqual(['ana@example.org']);
    expect(mail.subject).toBe('[CRITICAL] disk / 96% full — cinemata-ops');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('disk-full');
      expect(part).toContain('2026-12-04 09:00 UTC');
      expect(part).toContain('96.2');
      expect(part).toContain('journalctl --vacuum-size=500M');
      expect(part).toContain('primary on-call (Ana)');
    }
    expect(mail.text).toContain('<script>alert(1)</script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
    const link = ackLinkIn(mail.text);
    expect(mail.html).toContain(`href="${link}"`);

    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('is acknowledged by ana@example.org');
    expect(bot.store.getAck('fp-disk-root')).toMatchObject({ by: 'ana@example.org', at: bot.clock.now() });
    expect(bot.store.listAudit().find((e) => e.action === 'ack')).toMatchObject({ actor: 'ana@example.org', target: 'fp-disk-root', outcome: 'acknowledged' });

    await bot.tick(60);
    expect(sink.messages).toHaveLength(1);
  });

  it('refuses a forged or expired ack link and records nothing', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.stop());
    const bot = await startBot(sink);
    bot.store.upsertAlert(firingAlert(bot.clock.now()));
    await bot.tick(5);
    const link = ackLinkIn((await sink.waitFor(1))[0]?.text ?? '');

    const url = new URL(link);
    const [payload = '', signature = ''] = (url.searchParams.get('token') ?? '').split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const otherRecipient = Buffer.from(JSON.stringify({ ...claims, r: 'mallory@example.org' })).toString('base64url');
    url.searchParams.set('token', `${otherRecipient}.${signature}`);
    const forged = await fetch(url);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('This acknowledge link is not valid');

    bot.clock.advance(24 * 60 * MINUTE);
    const expired = await fetch(link);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('expired');
    expect(bot.store.getAck('fp-disk-root')).toBeUndefined();
    expect(bot.store.listAudit().filter((e) => e.action === 'ack')).toEqual([]);
  });

  it('retries through the outbox while the SMTP server is down and delivers once it is back, losing nothing', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.stop());
    const bot = await startBot(sink);
    await sink.stop();
    bot.store.upsertAlert(firingAlert(bot.clock.now()));
    await bot.tick(5);
    await bot.tick(15);
    expect(bot.outbox.platforms()).toEqual(['email']);
    expect(bot.store.countOutbox()).toEqual({ pending: 4, dead: 0 });
    expect(bot.logLines().some((l) => l['msg'] === 'email not sent' && String(l['error']).includes('ECONNREFUSED') && l['retryable'] === true)).toBe(true);

    await sink.start();
    await bot.tick(10);
    await sink.waitFor(4);
    expect(sink.messages.map((m) => m.to[0]).sort()).toEqual(['ana@example.org', 'ben@example.org', 'dee@example.org', 'eve@example.org']);
    expect(bot.store.countOutbox()).toEqual({ pending: 0, dead: 0 });
    await bot.tick(10);
    expect(sink.messages).toHaveLength(4);
  });

  it('retries after a 421 "try again later" and delivers once the server accepts', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.stop());
    const bot = await startBot(sink);
    sink.mode = 'busy';
    bot.store.upsertAlert(firingAlert(bot.clock.now()));
    await bot.tick(5);
    expect(bot.store.countOutbox()).toEqual({ pending: 1, dead: 0 });
    expect(sink.messages).toHaveLength(0);
    sink.mode = 'accept';
    await bot.tick(1);
    expect((await sink.waitFor(1)).map((m) => m.to)).toEqual([['ana@example.org']]);
    expect(bot.store.countOutbox()).toEqual({ pending: 0, dead: 0 });
  });
});
