import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seriesKey } from '../../src/history/series-key.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { MAIN, startProcess, type BotProcess } from '../helpers/run-bot.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const running: BotProcess[] = [];
afterEach(() => {
  for (const bot of running.splice(0)) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
});

function botDir(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = makeTempDir('cinemata-ops-bot-');
  writeFileSync(join(dir, 'cinemata-ops.yaml'), 'sampling:\n  interval: 1s\n  timeout: 5s\n');
  return { dir, env: { CINEMATA_OPS_HTTP_PORT: '0', CINEMATA_OPS_LOG_FORMAT: 'json', NO_COLOR: '1' } };
}

describe('npm start (the running bot)', () => {
  it('runs headless without a terminal, serves /healthz and /metrics, and stops cleanly on SIGTERM', async () => {
    const { dir, env } = botDir();
    const bot = startProcess([process.execPath, MAIN], { cwd: dir, env });
    running.push(bot);
    const [, url] = await bot.waitFor(/running headless .*?(http:\/\/127\.0\.0\.1:\d+)/);
    await bot.waitFor(/"msg":"started"/);

    // Two sampling rounds, so rates and the second history point exist.
    await new Promise((r) => setTimeout(r, 2_500));
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { status: string; probes: Record<string, { ok: boolean }> };
    expect(body.status).toBe('ok');
    expect(body.probes.host?.ok).toBe(true);
    expect(body.probes.services?.ok).toBe(true);

    const metrics = await (await fetch(`${url}/metrics`)).text();
    for (const name of ['host_cpu_percent', 'host_memory_used_percent', 'host_load1', 'host_uptime_seconds', 'probe_up', 'process_resident_memory_bytes']) {
      expect(metrics).toMatch(new RegExp(`^cinemata_ops_${name}(\\{[^}]*\\})? [0-9.e+-]+$`, 'm'));
    }
    expect(metrics).toMatch(/^cinemata_ops_host_filesystem_used_percent\{mount="\/"\} [0-9.]+$/m);
    expect((await fetch(`${url}/nope`)).status).toBe(404);

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toContain('cinemata-ops stopped.');

    // Pending history was flushed: the open minute bucket is in the store after the process is gone.
    const store = openSqliteStore(join(dir, 'data', 'cinemata-ops.sqlite'));
    try {
      const points = store.readMetricPoints('minute', seriesKey('host_cpu_percent', {}), 0, Date.now() + 60_000);
      expect(points.length).toBeGreaterThan(0);
      expect(points.reduce((n, p) => n + p.count, 0)).toBeGreaterThanOrEqual(2);
    } finally {
      store.close();
    }
  });

  it('refuses to start with an invalid config and lists the problems, exit 2', async () => {
    const { dir, env } = botDir();
    writeFileSync(join(dir, 'cinemata-ops.yaml'), 'sampling:\n  interval: 0s\n');
    const bot = startProcess([process.execPath, MAIN], { cwd: dir, env });
    running.push(bot);
    expect(await bot.exited).toBe(2);
    expect(bot.output()).toContain('file.sampling.interval');
  });

  it('answers health at its prompt on a terminal and exits on "exit"', async () => {
    const { dir, env } = botDir();
    // `script` gives the bot a real pseudo-terminal, so it runs interactively as under a person's shell.
    const bot = startProcess(['script', '-qfec', `${process.execPath} ${MAIN}`, '/dev/null'], { cwd: dir, env: { ...env, TERM: 'dumb' } });
    running.push(bot);
    await bot.waitFor(/ops> /);
    bot.child.stdin.write('/ops health\n');
    await bot.waitFor(/Health of [\s\S]*Services[\s\S]*ops> /);
    // At its own prompt the bot offers actions as commands to type there, without the shell's program name.
    expect(bot.output()).toMatch(/→ All commands: help\r?\n/);
    bot.child.stdin.write('helath\n');
    await bot.waitFor(/error: unknown command "helath" \(did you mean "health"\?\)/);
    bot.child.stdin.write('exit\n');
    await bot.waitFor(/cinemata-ops stopped\./);
    expect(await bot.exited).toBe(0);
  });
});
