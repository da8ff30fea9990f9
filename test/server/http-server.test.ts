import { afterEach, describe, expect, it } from 'vitest';
import { createProbeRunner } from '../../src/probes/probe-runner.js';
import { startHttpServer, type HttpServer } from '../../src/server/http-server.js';
import { createPrometheusExporter } from '../../src/server/prometheus.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { createFakeProbe } from '../helpers/fake-probes.js';
import { createFakeClock } from '../helpers/test-app.js';

let server: HttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(lastTickAt: () => number | undefined, mounts: string[][]) {
  const clock = createFakeClock();
  const { log } = createCapturingLogger();
  let round = 0;
  const probe = createFakeProbe('host', () => ({
    detail: null,
    samples: (mounts[round++] ?? []).map((mount) => ({ metric: 'host_filesystem_used_percent', labels: { mount }, value: 42, at: clock.now() })),
  }));
  const runner = createProbeRunner({ probes: [probe], now: clock.now, log, timeoutMs: 1000, maxAgeMs: 0, onRun: (run) => exporter.observe(run) });
  const exporter = createPrometheusExporter(runner, log);
  server = await startHttpServer({ host: '127.0.0.1', port: 0, exporter, runner, log, now: clock.now, version: 't', startedAt: clock.now() - 1000, lastTickAt, staleAfterMs: 60_000 });
  return { url: `http://127.0.0.1:${server.port}`, runner, clock };
}

describe('http server', () => {
  it('answers /healthz 200 while the sampling loop ticks and 503 once it has stalled', async () => {
    let last: number | undefined;
    const { url, clock } = await start(() => last, []);
    last = clock.now();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    clock.advance(120_000);
    const stale = await fetch(`${url}/healthz`);
    expect(stale.status).toBe(503);
    expect(((await stale.json()) as { status: string }).status).toBe('stalled');
  });

  it('drops the series of a filesystem that disappeared between two runs', async () => {
    const { url, runner } = await start(() => undefined, [['/', '/srv/media'], ['/']]);
    await runner.runAll();
    let text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toContain('cinemata_ops_host_filesystem_used_percent{mount="/srv/media"} 42');
    await runner.runAll();
    text = await (await fetch(`${url}/metrics`)).text();
    expect(text).not.toContain('mount="/srv/media"');
    expect(text).toContain('cinemata_ops_host_filesystem_used_percent{mount="/"} 42');
    expect(text).toContain('cinemata_ops_probe_up{probe="host"} 1');
  });

  it('refuses other methods and unknown paths', async () => {
    const { url } = await start(() => undefined, []);
    expect((await fetch(`${url}/metrics`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${url}/admin`)).status).toBe(404);
  });
});

describe('http server start-up', () => {
  it('says which address is taken when the port is in use', async () => {
    const { url } = await start(() => undefined, []);
    const port = Number(new URL(url).port);
    const { log } = createCapturingLogger();
    const runner = createProbeRunner({ probes: [], now: Date.now, log, timeoutMs: 1000, maxAgeMs: 0 });
    await expect(
      startHttpServer({ host: '127.0.0.1', port, exporter: createPrometheusExporter(runner, log), runner, log, now: Date.now, version: 't', startedAt: 0, lastTickAt: () => undefined, staleAfterMs: 1 }),
    ).rejects.toThrow(`cannot listen on 127.0.0.1:${port}: the address is already in use (set CINEMATA_OPS_HTTP_HOST / CINEMATA_OPS_HTTP_PORT)`);
  });
});
