import { describe, expect, it } from 'vitest';
import { defineCommand, type Command, type OptionSpecs } from '../../src/dispatch/command.js';
import type { Invocation } from '../../src/dispatch/invocation.js';
import type { Report } from '../../src/reports/report.js';
import { commands } from '../../commands/index.js';
import { activeServices, createFakeProbe, healthyHost } from '../helpers/fake-probes.js';
import { createTestApp, testConfig } from '../helpers/test-app.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const clockStart = Date.UTC(2026, 11, 4, 9, 0, 0);
const host = () => createFakeProbe('host', () => ({ detail: healthyHost(clockStart) }));
const services = () => createFakeProbe('services', () => ({ detail: activeServices(clockStart) }));

function invoke(command: string, args: string[] = [], extra: Partial<Invocation> = {}): Invocation {
  return { platform: 'cli', user: { id: 'tester' }, command, args, ...extra };
}

describe('dispatch', () => {
  it('answers health with a report when everything is fine', async () => {
    const { app } = createTestApp([host(), services()]);
    const result = await app.dispatch(invoke('health'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report.severity).toBe('ok');
    expect(result.report.summary).toBe('All checks pass.');
    expect(result.report.sections.map((s) => s.title)).toContain('Services');
  });

  it('refuses an unknown command with a suggestion', async () => {
    const { app } = createTestApp([host(), services()]);
    const result = await app.dispatch(invoke('helth'));
    expect(result).toMatchObject({ ok: false, error: { kind: 'usage', code: 'unknown_command', hint: 'did you mean "health"?' } });
  });

  it('refuses a chat user without the role and says which role is needed', async () => {
    const { app } = createTestApp([host(), services()]);
    const result = await app.dispatch(invoke('config', [], { platform: 'slack', user: { id: 'U999' } }));
    expect(result).toMatchObject({ ok: false, error: { kind: 'user', code: 'forbidden', message: 'config needs the operator role; you are viewer' } });
  });

  it('lets a chat user in through a mapped group', async () => {
    const dir = makeTempDir();
    const base = testConfig(dir);
    const config = { ...base, roles: { ...base.roles, groups: { 'slack-group:S1': 'operator' as const } } };
    const { app } = createTestApp([host(), services()], { config });
    const result = await app.dispatch(invoke('config', [], { platform: 'slack', user: { id: 'U999', groups: ['S1'] } }));
    expect(result.ok).toBe(true);
  });

  it('hides an internal failure behind a ref and logs the full error under it', async () => {
    const broken = defineCommand({
      name: 'broken',
      summary: 'always fails',
      description: 'd',
      options: {},
      role: 'viewer',
      execute: async (): Promise<Report> => {
        throw new TypeError('cannot read properties of undefined (reading "rows")');
      },
    }) as unknown as Command<OptionSpecs>;
    const { app, logLines } = createTestApp([host(), services()], { commands: [...commands, broken] });
    const result = await app.dispatch(invoke('broken'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('internal');
    expect(result.error.message).toBe(`something went wrong (ref ${result.error.ref})`);
    expect(result.error.message).not.toContain('rows');
    const logged = logLines().find((line) => line.ref === result.error.ref);
    expect((logged?.err as { message?: string } | undefined)?.message).toContain('reading "rows"');
  });
});

describe('health findings', () => {
  it('puts a critical disk and a failed unit first, with what to look at', async () => {
    const full = healthyHost(clockStart);
    const root = full.filesystems[0];
    if (!root) throw new Error('fixture has a root filesystem');
    full.filesystems[0] = { ...root, usedPercent: 96, freeBytes: 4 * 2 ** 30 };
    full.cpu.percent = 85;
    const units = activeServices(clockStart);
    const first = units.units[0];
    if (!first) throw new Error('fixture has units');
    units.units[0] = { ...first, state: 'failed', subState: 'failed', restarts: 12 };
    const { app } = createTestApp([
      createFakeProbe('host', () => ({ detail: full })),
      createFakeProbe('services', () => ({ detail: units })),
    ]);
    const result = await app.dispatch(invoke('health'));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.report.severity).toBe('critical');
    const first3 = result.report.sections[0];
    expect(first3?.title).toBe('Look at these first');
    const block = first3?.blocks[0];
    if (block?.kind !== 'list') throw new Error('expected a list of findings');
    const texts = block.items.map((i) => `${i.severity} ${i.text}`);
    expect(texts.slice(0, 3).every((t) => t.startsWith('critical'))).toBe(true);
    expect(texts.join('\n')).toMatch(/critical \/ 96% full, 4\.0 GiB free →/);
    expect(texts.join('\n')).toMatch(/critical celery_long has failed for 1h 0m → read why: journalctl -u celery_long/);
    expect(texts.join('\n')).toMatch(/critical celery_long restarted 12 times/);
    expect(texts.join('\n')).toMatch(/warning CPU 85% busy → top: ffmpeg \(pid 4242, 90%\) — FFmpeg encodes are busy/);
  });

  it('reports a failing probe as a blind spot instead of failing the command', async () => {
    const { app } = createTestApp([host(), createFakeProbe('services', () => new Error('systemctl exploded'))]);
    const result = await app.dispatch(invoke('health'));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.report.severity).toBe('critical');
    expect(result.report.summary).toContain('cannot read services: systemctl exploded');
    expect(app.runner.statuses().find((s) => s.id === 'services')).toMatchObject({ ok: false, consecutiveFailures: 1, error: 'systemctl exploded' });
  });

  it('reuses a fresh reading instead of probing again', async () => {
    const h = host();
    const { app, clock } = createTestApp([h, services()]);
    await app.tick();
    await app.dispatch(invoke('health'));
    expect(h.runs).toBe(1);
    clock.advance(60_000);
    await app.dispatch(invoke('health'));
    expect(h.runs).toBe(2);
  });
});
