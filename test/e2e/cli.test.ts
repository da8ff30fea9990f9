import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readVersion } from '../../src/version.js';
import { runCli } from '../helpers/run-cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

interface JsonReport {
  schema: string;
  title: string;
  severity: string;
  sections: Array<{ title?: string; blocks: Array<{ kind: string; rows?: Array<{ cells: string[] }>; fields?: Array<{ label: string; value: string }> }> }>;
}

function workdir(): string {
  return makeTempDir('cinemata-ops-cli-');
}

describe('cinemata-ops CLI (built, spawned)', () => {
  it('prints health as JSON with host and services, exit 0', async () => {
    const run = await runCli(['health', '--json'], { cwd: workdir() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.schema).toBe('cinemata-ops/report@1');
    expect(report.title).toMatch(/^Health of /);
    expect(['ok', 'info', 'warning', 'critical']).toContain(report.severity);
    const titles = report.sections.map((s) => s.title);
    expect(titles).toEqual(expect.arrayContaining(['Host', 'Filesystems', 'Services', 'Top processes by CPU']));
    const services = report.sections.find((s) => s.title === 'Services')?.blocks[0]?.rows?.map((r) => r.cells[0]);
    expect(services).toEqual(['celery_long', 'celery_short', 'celery_whisper', 'celery_beat', 'mediacms', 'nginx', 'postgresql', 'redis-server']);
  });

  it('prints health for people without escape codes when NO_COLOR is set', async () => {
    const run = await runCli(['health'], { cwd: workdir() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Health of /);
    expect(run.stdout).not.toContain('\x1b[');
  });

  it('refuses an unknown command with one line, a suggestion and exit 2', async () => {
    const run = await runCli(['helath'], { cwd: workdir() });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('error: unknown command "helath" (did you mean "health"?)\n');
  });

  it('refuses a bad option with exit 2 and says which', async () => {
    const run = await runCli(['health', '--verbose'], { cwd: workdir() });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('unknown option --verbose');
  });

  it('reports errors as JSON on stdout when --json is given', async () => {
    const run = await runCli(['helath', '--json'], { cwd: workdir() });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ schema: 'cinemata-ops/error@1', error: { code: 'unknown_command' } });
  });

  it('lists commands with --help and explains one with help <command>', async () => {
    const list = await runCli(['--help'], { cwd: workdir() });
    expect(list.code).toBe(0);
    for (const name of ['health', 'help', 'config', 'version']) expect(list.stdout).toMatch(new RegExp(`^${name}\\s+\\S`, 'm'));
    const one = await runCli(['help', 'health'], { cwd: workdir() });
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('cinemata-ops health');
    const same = await runCli(['health', '--help'], { cwd: workdir() });
    expect(same.stdout.replace(/generated .*/, '')).toBe(one.stdout.replace(/generated .*/, ''));
    const unknown = await runCli(['help', 'nope'], { cwd: workdir() });
    expect(unknown.code).toBe(2);
  });

  it('shows the package version', async () => {
    const run = await runCli(['version', '--json'], { cwd: workdir() });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).title).toBe(`cinemata-ops ${readVersion()}`);
  });

  it('prints the effective config with secrets redacted', async () => {
    const run = await runCli(['config', '--json'], {
      cwd: workdir(),
      env: { SLACK_BOT_TOKEN: 'xoxb-111-222-topsecret', SLACK_APP_TOKEN: 'xapp-1-A1-999-appsecret', CINEMATA_DATABASE_URL: 'postgres://ops:pw123@db:5432/mediacms' },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('topsecret');
    expect(run.stdout).not.toContain('appsecret');
    expect(run.stdout).not.toContain('pw123');
    expect(run.stdout).toContain('[redacted]');
    expect(run.stdout).toContain('postgres://ops:***@db:5432/mediacms');
  });

  it('refuses to run with an invalid config, naming every problem by path, exit 2', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'cinemata-ops.yaml'), 'thresholds:\n  cpu: { warning: 95, critical: 80 }\nsampling: { interval: often }\n');
    const health = await runCli(['health'], { cwd: dir });
    expect(health.code).toBe(2);
    expect(health.stderr).toMatch(/^error: invalid configuration: 2 problem\(s\)/);
    expect(health.stderr).toContain('file.thresholds.cpu.critical');
    expect(health.stderr).toContain('file.sampling.interval');
    const config = await runCli(['config'], { cwd: dir });
    expect(config.code).toBe(2);
    expect(config.stdout).toContain('file.thresholds.cpu.critical');
  });

  it('says "something went wrong" with a ref when the store is corrupt, and logs the error under that ref', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'store.sqlite'), 'this is not an sqlite database, just text that fills a page '.repeat(100));
    const env = { CINEMATA_OPS_DB: join(dir, 'store.sqlite'), CINEMATA_OPS_LOG_FILE: join(dir, 'ops.log') };
    const run = await runCli(['health'], { cwd: dir, env });
    expect(run.code).toBe(1);
    const ref = /something went wrong \(ref ([0-9a-f]{8})\)/.exec(run.stderr)?.[1];
    expect(ref).toBeDefined();
    expect(run.stderr).toContain(join(dir, 'ops.log'));
    const logged = readFileSync(join(dir, 'ops.log'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { ref?: string; err?: { message?: string } });
    expect(logged.find((l) => l.ref === ref)?.err?.message).toMatch(/not a database/);
  });
});
