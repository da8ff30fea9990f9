import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Logger } from 'pino';
import { describeError } from '../../errors.js';
import type { HttpRoute } from '../../server/http-server.js';
import { verifySlackSignature } from './verify-signature.js';

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  /** Default `/slack/events`: the Request URL of the slash command and of interactivity in the app manifest. */
  path?: string | undefined;
  log: Logger;
  now(): number;
}

/** A Bolt receiver that our own HTTP server feeds through a POST route, so Slack shares the bot's one port. */
export interface SlackHttpReceiver extends Receiver {
  route: HttpRoute;
}

/**
 * Verifies each request (unsigned, tampered or stale: 401, never dispatched), parses it as Slack sends it
 * (form fields for slash commands, `payload=` JSON for interactivity, JSON for the Events API), and hands it to
 * Bolt. The HTTP response is written when the listener acks, not when it finishes: the work runs after the
 * answer, so Slack gets its acknowledgement in milliseconds.
 */
export function createSlackHttpReceiver(options: SlackHttpReceiverOptions): SlackHttpReceiver {
  const log = options.log.child({ component: 'slack-http' });
  let app: App | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse, rawBody: Buffer): Promise<void> {
    const check = verifySlackSignature(
      { timestamp: header(req, 'x-slack-request-timestamp'), signature: header(req, 'x-slack-signature'), rawBody },
      options.signingSecret,
      options.now(),
    );
    if (!check.ok) {
      log.warn({ reason: check.reason, ip: req.socket.remoteAddress }, 'refused a Slack request that failed signature verification');
      return send(res, 401, { error: 'invalid_signature' });
    }
    const body = parseBody(header(req, 'content-type') ?? '', rawBody);
    if (body === undefined) return send(res, 400, { error: 'unparseable_body' });
    if (body['type'] === 'url_verification') return send(res, 200, { challenge: body['challenge'] });
    if (body['ssl_check'] !== undefined) return send(res, 200, '');
    if (app === undefined) return send(res, 503, { error: 'not_ready' });

    let acked = false;
    const ackedPromise = new Promise<void>((resolve) => {
      const retryNum = Number(header(req, 'x-slack-retry-num'));
      const event: ReceiverEvent = {
        body,
        ...(Number.isFinite(retryNum) && header(req, 'x-slack-retry-num') !== undefined ? { retryNum, retryReason: header(req, 'x-slack-retry-reason') ?? '' } : {}),
        ack: async (response?: unknown) => {
          if (acked) return;
          acked = true;
          send(res, 200, response ?? '');
          resolve();
        },
      };
      (app as App)
        .processEvent(event)
        .then(() => {
          if (!acked) {
            acked = true;
            log.warn({ type: body['type'] ?? body['command'] }, 'no listener acknowledged a Slack request');
            send(res, 404, { error: 'unhandled' });
          }
          resolve();
        })
        .catch((error: unknown) => {
          log.error({ err: error, error: describeError(error) }, 'Slack request failed');
          if (!acked) {
            acked = true;
            res.setHeader('x-slack-no-retry', '1');
            send(res, 500, { error: 'internal_error' });
          }
          resolve();
        });
    });
    await ackedPromise;
  }

  return {
    route: { path: options.path ?? '/slack/events', method: 'POST', handle },
    init(boltApp) {
      app = boltApp;
    },
    // Our HTTP server is started and stopped by main; there is nothing of the receiver's own to run.
    start: async () => undefined,
    stop: async () => undefined,
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  if (body === '' || body === undefined) {
    res.writeHead(status, { 'content-length': '0' }).end();
    return;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json' }).end(text);
}

/** Slack's three body shapes; undefined when it is none of them. */
export function parseBody(contentType: string, raw: Buffer): Record<string, unknown> | undefined {
  try {
    const text = raw.toString('utf8');
    if (contentType.startsWith('application/json')) return JSON.parse(text) as Record<string, unknown>;
    const form = Object.fromEntries(new URLSearchParams(text));
    if (typeof form['payload'] === 'string') return JSON.parse(form['payload']) as Record<string, unknown>;
    return form;
  } catch {
    return undefined;
  }
}
