import type { Logger } from 'pino';
import { createProbeRunner } from '../../src/probes/probe-runner.js';
import { startHttpServer, type HttpRoute, type HttpServer } from '../../src/server/http-server.js';
import { createPrometheusExporter } from '../../src/server/prometheus.js';

/** The bot's real HTTP server on a free loopback port, with no probes: for tests of extra routes such as /ack. */
export function startRoutesServer(options: { routes: readonly HttpRoute[]; now(): number; log: Logger }): Promise<HttpServer> {
  const runner = createProbeRunner({ probes: [], now: options.now, log: options.log, timeoutMs: 1_000, maxAgeMs: 0 });
  return startHttpServer({
    host: '127.0.0.1',
    port: 0,
    exporter: createPrometheusExporter(runner, options.log),
    runner,
    log: options.log,
    now: options.now,
    version: 't',
    startedAt: options.now(),
    lastTickAt: options.now,
    staleAfterMs: 60_000,
    routes: options.routes,
  });
}
