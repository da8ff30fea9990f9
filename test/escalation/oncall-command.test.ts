import { describe, expect, it } from 'vitest';
import oncall from '../../commands/oncall.js';
import type { Command, OptionSpecs } from '../../src/dispatch/command.js';
import { createEscalator } from '../../src/escalation/escalator.js';
import { createSilentLogger } from '../../src/log.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { createTestApp } from '../helpers/test-app.js';
import { configFromYaml, firingAlert, ROSTER_YAML } from './support/fixtures.js';

const WITH_OVERRIDES = `${ROSTER_YAML}
  overrides:
    - { who: Dee, from: "2026-12-04T12:00", to: "2026-12-05T18:00" }
    - { who: Eve, role: secondary, from: "2026-12-20T00:00", to: "2026-12-27T00:00" }
    - { who: Cy, from: "2026-11-01T00:00", to: "2026-11-02T00:00" }
`;

async function runOncall(yaml: string, args: string[] = [], prepare?: (app: ReturnType<typeof createTestApp>) => void) {
  const t = createTestApp([], { config: configFromYaml(yaml), commands: [oncall as unknown as Command<OptionSpecs>] });
  prepare?.(t);
  const result = await t.app.dispatch({ platform: 'slack', user: { id: 'U0VIEWER' }, command: 'oncall', args });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return { report: result.report, text: renderTerminal(result.report, { color: false, width: 160 }) };
}

describe('oncall command', () => {
  it('shows a viewer who is on call now and next, with handoff times and the active overrides', async () => {
    // The fake clock reads Friday 2026-12-04 09:00 UTC, 17:00 in Manila: Dee covers Ana since 12:00 Manila.
    const { report, text } = await runOncall(WITH_OVERRIDES);
    expect(report.title).toBe('On call: Dee');
    expect(report.severity).toBe('info');
    expect(text).toMatch(/Primary\s+Dee <dee@example.org> \(override\) until Sat 2026-12-05 18:00 Asia\/Manila/);
    expect(text).toMatch(/Secondary\s+Ben <ben@example.org> until Mon 2026-12-07 09:00 Asia\/Manila/);
    expect(text).toMatch(/Next handoff\s+Mon 2026-12-07 09:00 Asia\/Manila \(in 2.7d\): Ben primary, Cy secondary/);
    expect(text).toMatch(/Mon 2026-11-30 09:00 Asia\/Manila\s+Mon 2026-12-07 09:00 Asia\/Manila\s+Ana\s+Ben\s+now/);
    expect(text).toMatch(/Mon 2026-12-21 09:00 Asia\/Manila\s+Mon 2026-12-28 09:00 Asia\/Manila\s+Ana\s+Ben/);
    expect(text).toMatch(/Dee\s+primary\s+Fri 2026-12-04 12:00 Asia\/Manila\s+Sat 2026-12-05 18:00 Asia\/Manila\s+active/);
    expect(text).toMatch(/Eve\s+secondary\s+Sun 2026-12-20 00:00 Asia\/Manila\s+Sun 2026-12-27 00:00 Asia\/Manila\s+upcoming/);
    expect(text).toContain('1 ended override(s) not shown');
    expect(text).toContain('Eve <eve@example.org> (slack:U0EVE123)');
    expect(text).toMatch(/critical\s+critical\s+any\s+\+5m primary → \+15m secondary, contacts/);
  });

  it('lists as many shifts as asked', async () => {
    const { report } = await runOncall(ROSTER_YAML, ['--shifts', '2']);
    const rotation = report.sections.find((s) => s.title === 'Rotation')?.blocks[0];
    expect(rotation?.kind === 'table' && rotation.rows.map((r) => r.cells[2])).toEqual(['Ana', 'Ben']);
  });

  it('lists escalations under way with their next step', async () => {
    const { text } = await runOncall(ROSTER_YAML, [], (t) => {
      t.store.upsertAlert(firingAlert(t.clock.now()));
      const escalator = createEscalator({ store: t.store, config: t.config, enqueue: t.app.outbox.enqueue, log: createSilentLogger(), now: t.clock.now, instance: 'x' });
      t.clock.advance(6 * 60_000);
      escalator.tick();
    });
    expect(text).toMatch(/✗ disk \/ 96% full\s+1 of 2\s+2026-12-04 17:20 Asia\/Manila/);
  });

  it('warns when nobody is configured', async () => {
    const { report } = await runOncall('');
    expect(report).toMatchObject({ title: 'On call: nobody is configured', severity: 'warning' });
    expect(report.summary).toMatch(/Add oncall.rotation or oncall.contacts/);
  });
});
