import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { formatLocal } from '../escalation/zoned-time.js';
import { escapeHtml } from '../notify/email/escape-html.js';
import type { AckRecord, AlertRecord, Store } from '../store/store.js';
import type { HttpRoute } from './http-server.js';

/**
 * One-click acknowledge links for escalation emails: `<public url>/ack?token=<payload>.<signature>`.
 * The payload (base64url JSON) names the alert's firing, the recipient and an expiry; the signature is
 * HMAC-SHA256 over it with CINEMATA_OPS_ACK_SECRET, compared in constant time. The token is the only credential,
 * so it is never logged.
 */
export interface AckClaims {
  fingerprint: string;
  /** The firing the link was sent for: a link from an earlier firing does not acknowledge a later one. */
  firedAt: number;
  /** Who the link was sent to; recorded as the acknowledger. */
  recipient: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** Domain separation: a signature made for anything else with the same secret is not an ack token. */
const CONTEXT = 'cinemata-ops/ack@1';
const MAX_TOKEN_LENGTH = 2_048;

function signPayload(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(`${CONTEXT}.${payload}`).digest('base64url');
}

export function signAckToken(claims: AckClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify({ f: claims.fingerprint, s: claims.firedAt, r: claims.recipient, x: claims.expiresAt })).toString('base64url');
  return `${payload}.${signPayload(payload, secret)}`;
}

export type AckTokenCheck = { ok: true; claims: AckClaims } | { ok: false; reason: 'forged' | 'expired' };

/** Signature first (a forged token is `forged` even when its claimed expiry has passed), then expiry. */
export function verifyAckToken(token: string, secret: string, now: number): AckTokenCheck {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'forged' };
  const payload = token.slice(0, dot);
  // Compare the canonical encodings: base64url decoding is lenient, so comparing bytes would accept variants.
  const expected = Buffer.from(signPayload(payload, secret));
  const given = Buffer.from(token.slice(dot + 1));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  const claims = parseClaims(payload);
  if (!claims) return { ok: false, reason: 'forged' };
  return claims.expiresAt <= now ? { ok: false, reason: 'expired' } : { ok: true, claims };
}

function parseClaims(payload: string): AckClaims | undefined {
  try {
    const raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { f, s, r, x } = raw;
    if (typeof f !== 'string' || typeof s !== 'number' || typeof r !== 'string' || typeof x !== 'number') return undefined;
    return { fingerprint: f, firedAt: s, recipient: r, expiresAt: x };
  } catch {
    return undefined;
  }
}

/** Mints links for escalation emails. */
export interface AckLinkIssuer {
  linkFor(alert: { fingerprint: string; firedAt: number }, recipient: string, now: number): { url: string; expiresAt: number };
}

export function createAckLinkIssuer(options: { publicUrl: string; secret: string; ttlMs: number }): AckLinkIssuer {
  // `new URL('ack', base)` keeps a path prefix such as https://example.org/ops/ when the base ends with a slash.
  const base = options.publicUrl.endsWith('/') ? options.publicUrl : `${options.publicUrl}/`;
  return {
    linkFor(alert, recipient, now) {
      const expiresAt = now + options.ttlMs;
      const url = new URL('ack', base);
      url.searchParams.set('token', signAckToken({ fingerprint: alert.fingerprint, firedAt: alert.firedAt, recipient, expiresAt }, options.secret));
      return { url: url.toString(), expiresAt };
    },
  };
}

/** The issuer when CINEMATA_OPS_PUBLIC_URL and CINEMATA_OPS_ACK_SECRET are set; emails carry no link otherwise. */
export function createAckLinkIssuerFromConfig(config: Pick<Config, 'env' | 'oncall'>): AckLinkIssuer | undefined {
  const { CINEMATA_OPS_PUBLIC_URL: publicUrl, CINEMATA_OPS_ACK_SECRET: secret } = config.env;
  if (publicUrl === undefined || secret === undefined) return undefined;
  return createAckLinkIssuer({ publicUrl, secret, ttlMs: config.oncall.ackLinkTtl });
}

export interface AckRouteDeps {
  store: Store;
  secret: string;
  now(): number;
  log: Logger;
  /** Zone of the times shown on the page. */
  timezone: string;
  /** Told after an ack is recorded (e.g. to post "acknowledged by …" to chat). */
  onAcknowledged?: ((alert: AlertRecord, ack: AckRecord) => void) | undefined;
}

interface Outcome {
  status: number;
  title: string;
  message: string;
}

/**
 * `GET /ack?token=…`: records the acknowledgement (store ack with `by` = the recipient, plus an audit entry) and
 * answers a small page. Refused, with nothing recorded: a forged or altered token (403), an expired one, an
 * unknown alert, an earlier firing or a resolved alert (410). `HEAD` (link scanners in mail gateways) answers
 * the same status without recording anything.
 */
export function createAckRoute(deps: AckRouteDeps): HttpRoute {
  const log = deps.log.child({ component: 'ack-link' });

  function decide(token: string | null, record: boolean, remote: string | undefined): Outcome {
    if (token === null || token === '') return { status: 400, title: 'No acknowledge token', message: 'This address needs the full link from the alert email.' };
    const now = deps.now();
    const check = verifyAckToken(token, deps.secret, now);
    if (!check.ok && check.reason === 'forged') {
      log.warn({ remote, tokenLength: token.length }, 'refused an acknowledge link with a bad signature');
      const message = 'It was altered or copied incompletely. Nothing was recorded. Acknowledge the alert in chat instead.';
      return { status: 403, title: 'This acknowledge link is not valid', message };
    }
    if (!check.ok) {
      return { status: 410, title: 'This acknowledge link has expired', message: 'Nothing was recorded. Acknowledge the alert in chat instead.' };
    }
    const { fingerprint, firedAt, recipient } = check.claims;
    const alert = deps.store.getAlert(fingerprint);
    if (!alert) return { status: 410, title: 'Unknown alert', message: 'The bot no longer knows this alert. Nothing was recorded.' };
    const what = alert.summary || alert.ruleId;
    if (alert.status !== 'firing') {
      return { status: 410, title: alert.status === 'resolved' ? 'Already resolved' : 'Not firing', message: `“${what}” is not firing now. Nothing to acknowledge.` };
    }
    if (alert.firedAt !== firedAt) {
      const message = `“${what}” has fired again since this email was sent. Use the link of the latest email, or chat.`;
      return { status: 410, title: 'This link is for an earlier firing', message };
    }
    const existing = deps.store.getAck(fingerprint);
    if (existing && existing.at >= alert.startsAt) {
      return { status: 200, title: 'Already acknowledged', message: `“${what}” was acknowledged by ${existing.by} at ${formatLocal(existing.at, deps.timezone)}.` };
    }
    if (record) {
      const ack: AckRecord = { fingerprint, by: recipient, at: now, note: 'acknowledged with the link in the escalation email' };
      const detail = { via: 'email-link', ruleId: alert.ruleId, summary: alert.summary };
      deps.store.transaction(() => {
        deps.store.putAck(ack);
        deps.store.appendAudit({ at: now, actor: recipient, action: 'ack', target: fingerprint, outcome: 'acknowledged', detail });
      });
      log.info({ fingerprint, by: recipient }, 'alert acknowledged from an email link');
      deps.onAcknowledged?.(alert, ack);
    }
    const message = `“${what}” is acknowledged by ${recipient}. No one else will be paged for it; it stays open until it resolves.`;
    return { status: 200, title: 'Acknowledged', message };
  }

  return {
    path: '/ack',
    async handle(req: IncomingMessage, res: ServerResponse) {
      const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
      const outcome = decide(token, req.method === 'GET', req.socket.remoteAddress);
      res.writeHead(outcome.status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        // The token is in the URL: keep it out of Referer headers and out of any page it could be framed in.
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      });
      res.end(req.method === 'HEAD' ? undefined : renderPage(outcome));
    },
  };
}

function renderPage(outcome: Outcome): string {
  const ok = outcome.status === 200;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(outcome.title)} — cinemata-ops</title></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1f2328">
<h1 style="font-size:1.4rem;color:${ok ? '#1a7f37' : '#d1242f'}">${escapeHtml(outcome.title)}</h1>
<p>${escapeHtml(outcome.message)}</p>
<p style="color:#59636e;font-size:.85rem">cinemata-ops</p>
</body></html>
`;
}
