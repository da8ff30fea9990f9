import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  /** Decoded path after `/api/v10`, e.g. `/webhooks/123/tok/messages/@original`. */
  path: string;
  body: unknown;
  headers: IncomingHttpHeaders;
  /** Order of arrival, from 1. */
  seq: number;
}

export interface CannedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeDiscordApi {
  /** What to give the REST client as `api`: `http://127.0.0.1:<port>/api`. */
  apiBase: string;
  calls: RecordedCall[];
  /** Answers the next `times` requests matching with `response` instead of success. */
  answerNext(match: { method?: string; path: RegExp }, response: CannedResponse, times?: number): void;
  /** Resolves with the first recorded call (already or later) that matches. */
  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** Calls whose path matches. */
  find(method: string, path: RegExp): RecordedCall[];
  /** Gateway URL returned by GET /gateway/bot. */
  gatewayUrl: string;
  close(): Promise<void>;
}

/** Discord's answer to a rate-limited request: the body's retry_after and the Retry-After header agree. */
export function rateLimited(seconds: number): CannedResponse {
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: seconds, global: false },
    headers: { 'retry-after': String(seconds), 'x-ratelimit-scope': 'user' },
  };
}

export const MISSING_ACCESS: CannedResponse = { status: 403, body: { message: 'Missing Access', code: 50001 } };
export const SERVER_ERROR: CannedResponse = { status: 500, body: { message: '500: Internal Server Error', code: 0 } };

/**
 * A stand-in for discord.com/api on loopback: records every request and answers as Discord does for the routes
 * the adapter uses (interaction callbacks, webhook edits and follow-ups, channel messages, command registration,
 * the gateway URL), or with a canned 429/500/403 when told to.
 */
export async function startFakeDiscordApi(): Promise<FakeDiscordApi> {
  const calls: RecordedCall[] = [];
  const canned: Array<{ method?: string | undefined; path: RegExp; response: CannedResponse; times: number }> = [];
  const waiters = new Set<() => void>();
  let nextId = 1_100_000_000_000_000_000n;
  const snowflake = () => String(nextId++);

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/api\/v10/, '');
      const method = req.method ?? 'GET';
      let body: unknown;
      try {
        body = raw === '' ? undefined : JSON.parse(raw);
      } catch {
        body = raw;
      }
      calls.push({ method, path, body, headers: req.headers, seq: calls.length + 1 });
      for (const wake of [...waiters]) wake();

      const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
        // Like Discord, a 204 has no body and so no content type.
        res.writeHead(status, payload === undefined ? headers : { 'content-type': 'application/json', ...headers });
        res.end(payload === undefined ? undefined : JSON.stringify(payload));
      };
      const rule = canned.find((c) => (c.method === undefined || c.method === method) && c.path.test(path));
      if (rule) {
        rule.times -= 1;
        if (rule.times <= 0) canned.splice(canned.indexOf(rule), 1);
        return send(rule.response.status, rule.response.body, rule.response.headers);
      }
      if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return send(204);
      if (method === 'PATCH' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) return send(200, { id: snowflake(), ...(body as object) });
      if (method === 'DELETE' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) return send(204);
      if (method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path)) return send(200, { id: snowflake(), ...(body as object) });
      const channel = /^\/channels\/(\d+)\/messages$/.exec(path);
      if (method === 'POST' && channel) return send(200, { id: snowflake(), channel_id: channel[1], ...(body as object) });
      if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
        return send(200, (body as Array<Record<string, unknown>>).map((c) => ({ id: snowflake(), version: snowflake(), ...c })));
      }
      if (method === 'GET' && path === '/users/@me') {
        if (req.headers.authorization === 'Bot refused-token') return send(401, { message: '401: Unauthorized', code: 0 });
        return send(200, { id: '1185330081436237864', username: 'cinemata-ops', discriminator: '0', bot: true });
      }
      if (method === 'GET' && path === '/gateway/bot') {
        return send(200, { url: fake.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
      }
      send(404, { message: '404: Not Found', code: 0 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeDiscordApi = {
    apiBase: `http://127.0.0.1:${port}/api`,
    calls,
    gatewayUrl: 'ws://127.0.0.1:1',
    answerNext(match, response, times = 1) {
      canned.push({ method: match.method, path: match.path, response, times });
    },
    find: (method, path) => calls.filter((c) => c.method === method && path.test(c.path)),
    waitFor(predicate, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = calls.find(predicate);
          if (hit) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hit);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching Discord call within ${timeoutMs} ms; calls: ${calls.map((c) => `${c.method} ${c.path}`).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
