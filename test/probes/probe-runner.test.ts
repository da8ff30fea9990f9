import { describe, expect, it } from 'vitest';
import { createProbeRunner } from '../../src/probes/probe-runner.js';
import type { Probe } from '../../src/probes/probe.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { createFakeProbe } from '../helpers/fake-probes.js';
import { createFakeClock } from '../helpers/test-app.js';

function runnerFor(probes: Array<Probe<unknown>>, timeoutMs = 1_000) {
  const clock = createFakeClock();
  const runs: string[] = [];
  const runner = createProbeRunner({ probes, now: clock.now, log: createCapturingLogger().log, timeoutMs, maxAgeMs: 15_000, onRun: (run) => runs.push(run.probeId) });
  return { runner, clock, runs };
}

describe('probe runner', () => {
  it('records a failure per probe and keeps the others running', async () => {
    const good = createFakeProbe('good', () => ({ detail: 1, samples: [{ metric: 'm', labels: {}, value: 1, at: 0 }] }));
    const bad = createFakeProbe('bad', () => new Error('connection refused'));
    const { runner, runs } = runnerFor([good, bad]);
    const readings = await runner.runAll();
    expect(readings.map((r) => r.ok)).toEqual([true, false]);
    expect(runs).toEqual(['good']);
    await runner.runAll();
    expect(runner.statuses().find((s) => s.id === 'bad')).toMatchObject({ ok: false, error: 'connection refused', consecutiveFailures: 2, lastSuccessAt: undefined });
  });

  it('turns a hung probe into a failure after the timeout', async () => {
    const hung: Probe<unknown> = { id: 'hung', description: 'never answers', collect: () => new Promise(() => undefined) };
    const { runner } = runnerFor([hung], 50);
    const reading = await runner.read('hung');
    expect(reading).toEqual({ ok: false, probeId: 'hung', error: 'the hung probe did not answer within 50 ms' });
  });

  it('shares one run between concurrent reads', async () => {
    const probe = createFakeProbe('p', () => ({ detail: 'x' }));
    const { runner } = runnerFor([probe]);
    await Promise.all([runner.read('p'), runner.read('p'), runner.read('p')]);
    expect(probe.runs).toBe(1);
  });

  it('says so when asked for a probe that does not exist', async () => {
    const { runner } = runnerFor([]);
    expect(await runner.read('postgres')).toEqual({ ok: false, probeId: 'postgres', error: 'no probe named "postgres" is configured' });
  });

  it('refuses two probes with the same id', () => {
    const a = createFakeProbe('same', () => ({ detail: 1 }));
    expect(() => runnerFor([a, a])).toThrow('two probes share the id "same"');
  });
});
