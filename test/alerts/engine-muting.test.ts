import { describe, expect, it } from 'vitest';
import type { Sample } from '../../src/probes/probe.js';
import { createRig, disk, H, M, rule, runFor, S } from './support.js';

const warning = rule({ id: 'disk-warning', severity: 'warning', threshold: 80, clearThreshold: 75, labels: { check: 'disk' } });
const critical = rule({ id: 'disk-critical', labels: { check: 'disk' } });

describe('silences', () => {
  it('holds notifications while a silence matches and tells the still-firing alert once it expires', async () => {
    const rig = createRig([critical]);
    const start = rig.clock.now();
    rig.store.addSilence({ id: 'sil1', matchers: { mount: '/' }, createdBy: 'cli:ops', comment: 'resizing', startsAt: rig.clock.now(), endsAt: rig.clock.now() + 30 * M });
    await runFor(rig, 60, 15 * S, (at) => [disk('/', 95, at)]);
    expect(rig.slack.seen).toEqual([]);
    expect(rig.engine.snapshot()[0]).toMatchObject({ status: 'firing', mutedBy: 'silence:sil1' });
    await runFor(rig, 60, 15 * S, (at) => [disk('/', 95, at)]);
    expect(rig.slack.seen).toHaveLength(1);
    expect(rig.slack.seen[0]?.at).toBe(start + 30 * M);
    expect(rig.engine.snapshot()[0]?.mutedBy).toBeUndefined();
  });

  it('sends no resolve notice for an alert that resolves while silenced, and none later either', async () => {
    const rig = createRig([critical]);
    await runFor(rig, 9, 15 * S, (at) => [disk('/', 95, at)]);
    expect(rig.slack.seen).toHaveLength(1);
    rig.store.addSilence({ id: 'sil1', matchers: { alertname: 'disk-critical' }, createdBy: 'cli:ops', comment: 'x', startsAt: rig.clock.now(), endsAt: rig.clock.now() + 10 * M });
    await runFor(rig, 4 * 60, 15 * S, (at) => [disk('/', 10, at)]);
    expect(rig.slack.seen).toHaveLength(1);
  });
});

describe('inhibition', () => {
  it('mutes the warning on the same mount while the critical fires, but not the warning on another mount', async () => {
    const rig = createRig([warning, critical]);
    await runFor(rig, 10, 15 * S, (at) => [disk('/', 95, at), disk('/data', 85, at)]);
    const byKey = Object.fromEntries(rig.engine.snapshot().map((a) => [`${a.ruleId} ${a.labels.mount}`, a]));
    expect(byKey['disk-warning /']?.mutedBy).toBe(`inhibited:${byKey['disk-critical /']?.fingerprint}`);
    expect(byKey['disk-warning /data']?.mutedBy).toBeUndefined();
    const told = rig.slack.seen.map((s) => s.report.title).sort();
    expect(told).toEqual(['CRITICAL: / is 95% full', 'WARNING: /data is 85% full']);
  });

  it('mutes the database rules while PostgreSQL is down, and tells only that it is down', async () => {
    const down = rule({ id: 'postgres-down', metric: 'postgres_up', comparator: '==', threshold: 0, clearThreshold: undefined, for: M, summary: 'PostgreSQL does not answer' });
    const slow = rule({ id: 'postgres-latency-warning', metric: 'postgres_roundtrip_seconds', severity: 'warning', threshold: 0.1, clearThreshold: 0.08, for: M, summary: 'round trip {{value}} s' });
    const rig = createRig([down, slow]);
    const pg = (up: number, seconds: number, at: number): Sample[] => [
      { metric: 'postgres_up', labels: {}, value: up, at },
      { metric: 'postgres_roundtrip_seconds', labels: {}, value: seconds, at },
    ];
    for (let i = 0; i < 12; i++) {
      rig.clock.advance(15 * S);
      rig.engine.observe('postgres', pg(0, 5, rig.clock.now()));
      rig.engine.evaluate();
      await rig.outbox.drain();
    }
    const slowAlert = rig.engine.snapshot().find((a) => a.ruleId === 'postgres-latency-warning');
    expect(slowAlert).toMatchObject({ status: 'firing' });
    expect(slowAlert?.mutedBy).toMatch(/^inhibited:/);
    expect(rig.slack.seen.map((s) => s.report.title)).toEqual(['CRITICAL: PostgreSQL does not answer']);
  });

  it('holds the alerts of a probe that fails (no false resolve) and mutes them behind the blind-spot alert', async () => {
    const blind = rule({ id: 'probe-failing', metric: 'probe_up', comparator: '==', threshold: 0, clearThreshold: undefined, for: M, severity: 'warning', summary: 'blind spot: the {{probe}} probe is failing ({{error}})' });
    const rig = createRig([critical, blind]);
    rig.statuses.push({ id: 'host', ok: true, lastRunAt: rig.clock.now(), lastSuccessAt: rig.clock.now(), durationMs: 5, error: undefined, consecutiveFailures: 0 });
    await runFor(rig, 9, 15 * S, (at) => [disk('/', 95, at)]);
    expect(rig.slack.seen).toHaveLength(1);
    for (let i = 0; i < 40; i++) {
      rig.clock.advance(15 * S);
      rig.statuses[0] = { id: 'host', ok: false, lastRunAt: rig.clock.now(), lastSuccessAt: undefined, durationMs: 10_000, error: 'timed out', consecutiveFailures: i + 1 };
      await rig.round();
    }
    const [diskAlert, blindAlert] = ['disk-critical', 'probe-failing'].map((id) => rig.engine.snapshot().find((a) => a.ruleId === id));
    expect(diskAlert).toMatchObject({ status: 'firing', mutedBy: `inhibited:${blindAlert?.fingerprint}` });
    expect(blindAlert).toMatchObject({ status: 'firing', summary: 'blind spot: the host probe is failing (timed out)' });
    expect(rig.slack.seen.map((s) => s.report.title)).toEqual(['CRITICAL: / is 95% full', 'WARNING: blind spot: the host probe is failing (timed out)']);
  });
});

describe('flapping', () => {
  it('marks an alert that keeps firing and resolving as flapping, says so once, holds notices, and tells when it settles', async () => {
    const rig = createRig([rule({ id: 'disk-critical', for: 0, clearThreshold: undefined })]);
    let i = 0;
    await runFor(rig, 40, 15 * S, (at) => [disk('/', i++ % 2 === 0 ? 95 : 50, at)]);
    const alert = rig.engine.snapshot()[0];
    expect(alert?.flapping).toBe(true);
    // No single firing outlived the group wait, so the first thing said is that it flaps.
    expect(rig.slack.seen.map((s) => s.report.title)).toEqual(['CRITICAL flapping: / is 95% full']);
    expect(rig.slack.seen[0]?.report.sections.map((s) => s.title)).toContain('Flapping: notifications held until it settles (1)');
    // Keeps flapping for a while: nothing more.
    await runFor(rig, 40, 15 * S, (at) => [disk('/', i++ % 2 === 0 ? 95 : 50, at)]);
    expect(rig.slack.seen).toHaveLength(1);
    // Settles below the threshold: once the changes age out of the window it resolves with one notice.
    await runFor(rig, (H + 10 * M) / (15 * S), 15 * S, (at) => [disk('/', 40, at)]);
    expect(rig.engine.snapshot().find((a) => a.flapping)).toBeUndefined();
    expect(rig.slack.seen).toHaveLength(2);
    expect(rig.slack.seen[1]?.report.title).toMatch(/^RESOLVED/);
  });
});
