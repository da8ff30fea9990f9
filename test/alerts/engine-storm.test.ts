import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/reports/report.js';
import { createRig, disk, rule, runFor, S } from './support.js';

const mounts = Array.from({ length: 1_000 }, (_, i) => `/srv/volume-${String(i).padStart(4, '0')}`);
const storm = (at: number) => mounts.map((mount) => disk(mount, 95, at));

function texts(blocks: Block[]): string[] {
  return blocks.flatMap((block) => (block.kind === 'text' ? [block.text] : []));
}

describe('a storm of 1,000 firing alerts', () => {
  it('is told in one message per rule that lists the first 20 and summarises the other 980', async () => {
    const rig = createRig([rule({ id: 'disk-critical' })]);
    await runFor(rig, 9, 15 * S, storm);
    expect(rig.engine.snapshot().filter((a) => a.status === 'firing')).toHaveLength(1_000);
    expect(rig.slack.seen).toHaveLength(1);
    const report = rig.slack.seen[0]!.report;
    expect(report.title).toBe('CRITICAL: disk-critical: 1000 firing');
    const firing = report.sections.find((s) => s.title === 'Firing (1000)');
    const table = firing?.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows).toHaveLength(20);
    expect(texts(firing?.blocks ?? []).join('\n')).toMatch(/… and 980 more firing: mount=\/srv\/volume-0020; .* \(970 more\)\. `alerts` lists every one\./);
    // Every one of them is recorded as told, so none is told again at the next tick.
    expect(rig.store.listAlerts({ status: 'firing' }).every((a) => a.notifiedState === 'firing')).toBe(true);
    await runFor(rig, 40, 15 * S, storm);
    expect(rig.slack.seen).toHaveLength(1);
  });

  it('folds groups past the per-round limit into one overview when every alert is its own group', async () => {
    const rig = createRig([rule({ id: 'disk-critical' })], { settings: { groupBy: ['mount'] } });
    await runFor(rig, 9, 15 * S, storm);
    expect(rig.slack.seen).toHaveLength(10);
    const overview = rig.slack.seen[9]!.report;
    expect(overview.title).toBe('991 more alert groups changed (991 firing)');
    const table = overview.sections[0]?.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows).toHaveLength(991);
    await runFor(rig, 40, 15 * S, storm);
    expect(rig.slack.seen).toHaveLength(10);
  });
});
