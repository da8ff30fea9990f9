import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { ProbeRunner } from '../probes/probe-runner.js';
import type { PrometheusExporter } from './prometheus.js';

export interface HttpServerDeps {
  host: string;
  port: number;
  exporter: PrometheusExporter;
  runner: ProbeRunner;
  log: Logger;
  now(): number;
  version: string;
  startedAt: number;
  /** Epoch ms of the last finished sampling tick; liveness fails when it is older than `staleAfterMs`. */
  lastTickAt(): number | undefined;
  staleAfterMs: number;
  /** Extra GET/HEAD routes (e.g. `/ack`), matched by exact path after `/healthz` and `/metrics`. */
  routes?: readonly HttpRoute[] | undefined;
}

/** One extra route. The handler writes the whole response; a throw becomes a logged 500. */
export interface HttpRoute {
  path: string;
  /**
   * Default `GET` (HEAD too). A `POST` route (e.g. Slack's `/slack/events`) is handed the raw request body, up to
   * MAX_POST_BODY_BYTES, untouched, because request signatures cover the exact bytes.
   */
  method?: 'GET' | 'POST' | undefined;
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void>;
}

/** Slack's largest payloads (a block_actions with the whole message) stay well under this. */
export const MAX_POST_BODY_BYTES = 1024 * 1024;

export interface HttpServer {
  /** The bound port (useful when 0 was asked for). */
  port: number;
  close(): Promise<void>;
}

/**
 * `/healthz` is the bot's own liveness: 200 while its sampling loop keeps ticking, 503 when it has stalled.
 * A failing probe does not make the bot unhealthy (that is an alert, not a reason to restart the bot).
 */
export async function startHttpServer(deps: HttpServerDeps): Promise<HttpServer> {
  const log = deps.log.child({ component: 'http' });
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error, url: req.url }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error\n');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    // POST routes (a separate, additive path: GET behaviour below is unchanged).
    const postRoute = deps.routes?.find((r) => r.method === 'POST' && r.path === path);
    if (postRoute && req.method === 'POST') {
      const body = await readBody(req, MAX_POST_BODY_BYTES);
      if (body === undefined) {
        res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' }).end('request body too large\n');
        return;
      }
      await postRoute.handle(req, res, body);
      return;
    }
    if (postRoute) {
      res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }).end('method not allowed\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
      return;
    }
    if (path === '/healthz') {
      const now = deps.now();
      const last = deps.lastTickAt();
      const alive = now - (last ?? deps.startedAt) <= deps.staleAfterMs;
      const body = {
        status: alive ? 'ok' : 'stalled',
        version: deps.version,
        uptimeSeconds: Math.round((now - deps.startedAt) / 1000),
        lastTickAt: last === undefined ? null : new Date(last).toISOString(),
        probes: Object.fromEntries(deps.runner.statuses().map((s) => [s.id, { ok: s.ok, error: s.error ?? null, lastRunAt: s.lastRunAt ?? null }])),
      };
      res.writeHead(alive ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(`${JSON.stringify(body)}\n`);
      return;
    }
    if (path === '/metrics') {
      const text = await deps.exporter.registry.metrics();
      res.writeHead(200, { 'content-type': deps.exporter.registry.contentType });
      res.end(text);
      return;
    }
    const route = deps.routes?.find((r) => (r.method ?? 'GET') === 'GET' && r.path === path);
    if (route) {
      await route.handle(req, res, EMPTY_BODY);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz or /metrics\n');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'the address is already in use' : error.code === 'EACCES' ? 'permission denied' : error.message;
      reject(new Error(`cannot listen on ${deps.host}:${deps.port}: ${why} (set CINEMATA_OPS_HTTP_HOST / CINEMATA_OPS_HTTP_PORT)`, { cause: error }));
    });
    server.listen(deps.port, deps.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ host: deps.host, port }, 'http server listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const EMPTY_BODY = Buffer.alloc(0);

/** The whole body, or undefined once it passes `limit` bytes (the rest is drained, not buffered). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
