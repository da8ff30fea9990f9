import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { HttpRoute } from '../../server/http-server.js';
import type { InteractionCallback } from './discord-api.js';
import type { InteractionHandler } from './interaction-handler.js';
import { isInteractionPayload } from './interaction-payload.js';

export interface InteractionsRouteOptions {
  /** The application's public key from the developer portal: 64 hex characters (DISCORD_PUBLIC_KEY). */
  publicKey: string;
  handler: InteractionHandler;
  log: Logger;
  /** Default `/discord/interactions`. */
  path?: string | undefined;
}

/** DER prefix that turns a raw 32-byte Ed25519 key into SPKI, which node:crypto reads. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function ed25519PublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('a Discord public key is 64 hex characters');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

/** Discord signs `timestamp + body` with the application's key; anything that does not verify is refused. */
export function verifyDiscordSignature(key: KeyObject, signatureHex: string, timestamp: string, body: Buffer): boolean {
  if (!/^[0-9a-f]{128}$/i.test(signatureHex) || timestamp === '') return false;
  return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signatureHex, 'hex'));
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * The HTTP interactions endpoint, for running without a gateway connection: a POST route for the bot's HTTP
 * server, at the URL set as "Interactions Endpoint URL" in the developer portal (behind a TLS reverse proxy). It
 * verifies X-Signature-Ed25519 over X-Signature-Timestamp + the raw body (401 otherwise), answers PING with PONG,
 * and sends each interaction's initial response (deferral, refusal, autocomplete choices) as the HTTP answer; the
 * request ends there and follow-ups go over REST.
 */
export function createInteractionsRoute(options: InteractionsRouteOptions): HttpRoute {
  const key = ed25519PublicKey(options.publicKey);
  const log = options.log.child({ component: 'discord-http' });
  return {
    path: options.path ?? '/discord/interactions',
    method: 'POST',
    async handle(req, res, body) {
      const signature = String(req.headers['x-signature-ed25519'] ?? '');
      const timestamp = String(req.headers['x-signature-timestamp'] ?? '');
      if (!verifyDiscordSignature(key, signature, timestamp, body)) return reply(res, 401, { error: 'invalid request signature' });
      let payload: unknown;
      try {
        payload = JSON.parse(body.toString('utf8'));
      } catch {
        return reply(res, 400, { error: 'body is not JSON' });
      }
      if (!isInteractionPayload(payload)) return reply(res, 400, { error: 'not an interaction' });
      await new Promise<void>((resolve) => {
        const respond = async (callback: InteractionCallback) => {
          reply(res, 200, callback);
          resolve();
        };
        void options.handler.handle(payload, respond).finally(() => {
          // An interaction type the bot does not use still gets an answer rather than a hung request.
          if (!res.headersSent) {
            log.warn({ type: payload.type }, 'interaction not answered');
            reply(res, 400, { error: 'unsupported interaction type' });
          }
          resolve();
        });
      });
    },
  };
}
