import { describe, expect, it } from 'vitest';
import { defineSchedule } from '../../src/scheduler/schedule.js';
import type { Report } from '../../src/reports/report.js';
import type { Deliverer } from '../../src/notify/outbox-worker.js';
import { schedules } from '../../schedules/index.js';
import { activeServices, createFakeProbe, healthyHost } from '../helpers/fake-probes.js';
import { createTestApp } from '../helpers/test-app.js';

function consoleRecorder(): Deliverer & { reports: Report[] } {
  const reports: Report[] = [];
  return {
    platform: 'console',
    reports,
    async deliver(_channel, report) {
      reports.push(report);
      return { ok: true };
    },
  };
}

const probes = () => [
  createFakeProbe('host', () => ({ detail: healthyHost(0) })),
  createFakeProbe('services', () => ({ detail: activeServices(0) })),
];

describe('scheduler', () => {
  it('runs daily-health and delivers its report to the console', async () => {
    const out = consoleRecorder();
    const { app, store } = createTestApp(probes(), { deliverers: [out] });
    expect(await app.scheduler.runNow('daily-health')).toBe(true);
    await app.outbox.drain();
    expect(out.reports.map((r) => r.title)).toEqual([expect.stringMatching(/^Daily health: /)]);
    expect(store.getState('schedule:daily-health:last')).toMatchObject({ ok: true, delivered: true });
  });

  it('skips a run while another instance holds the lease', async () => {
    const out = consoleRecorder();
    const { app, store, clock } = createTestApp(probes(), { deliverers: [out] });
    expect(store.tryLease('schedule:daily-health', 'other-instance', clock.now(), clock.now() + 60_000)).toBe(true);
    expect(await app.scheduler.runNow('daily-health')).toBe(false);
    expect(out.reports).toHaveLength(0);
    clock.advance(61_000);
    expect(await app.scheduler.runNow('daily-health')).toBe(true);
  });

  it('never overlaps a slow run with the next one', async () => {
    let release: () => void = () => undefined;
    const slow = defineSchedule({
      id: 'slow',
      description: 'slow',
      cron: '* * * * *',
      run: () => new Promise<Report | null>((resolve) => (release = () => resolve(null))),
    });
    const { app } = createTestApp(probes(), { schedules: [...schedules, slow] });
    const first = app.scheduler.runNow('slow');
    expect(await app.scheduler.runNow('slow')).toBe(false);
    release();
    expect(await first).toBe(true);
  });

  it('records a failing schedule without crashing', async () => {
    const failing = defineSchedule({
      id: 'failing',
      description: 'fails',
      cron: '* * * * *',
      run: async () => {
        throw new Error('database unreachable');
      },
    });
    const { app, store } = createTestApp(probes(), { schedules: [...schedules, failing] });
    expect(await app.scheduler.runNow('failing')).toBe(true);
    expect(store.getState('schedule:failing:last')).toMatchObject({ ok: false, error: 'Error: database unreachable' });
  });

  it('starts and stops the cron tasks and knows their next run', async () => {
    const { app } = createTestApp(probes());
    app.scheduler.start();
    const next = app.scheduler.nextRuns()['daily-health'];
    expect(next).toBeGreaterThan(Date.now());
    expect(new Date(next ?? 0).getUTCHours()).toBe(9);
    await app.scheduler.stop();
    expect(app.scheduler.nextRuns()).toEqual({});
  });
});

describe('query-stats-snapshot schedule', () => {
  it('does nothing and posts nothing when PostgreSQL is not configured', async () => {
    const out = consoleRecorder();
    const { app, store } = createTestApp(probes(), { deliverers: [out] });
    expect(await app.scheduler.runNow('query-stats-snapshot')).toBe(true);
    expect(out.reports).toHaveLength(0);
    expect(store.getState('schedule:query-stats-snapshot:last')).toMatchObject({ ok: true, delivered: false });
  });
});
