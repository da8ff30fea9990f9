import { join } from 'node:path';
import { createAlertEngine, type AlertEngine, type AlertEngineOptions } from '../../src/alerts/engine.js';
import type { AlertSettings } from '../../src/alerts/settings.js';
import { DEFAULT_INHIBIT_RULES } from '../../src/alerts/inhibition.js';
import { createOutboxWorker, type Deliverer, type OutboxWorker } from '../../src/notify/outbox-worker.js';
import type { ProbeStatus, Sample } from '../../src/probes/probe.js';
import type { Report } from '../../src/reports/report.js';
import type { Rule } from '../../src/rules/rule.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { createFakeClock } from '../helpers/test-app.js';
import { makeTempDir } from '../helpers/temp-dir.js';

export const S = 1_000;
export const M = 60_000;
export const H = 3_600_000;

export const SETTINGS: AlertSettings = {
  evaluationInterval: 15 * S,
  groupWait: 30 * S,
  groupInterval: 5 * M,
  repeatInterval: 4 * H,
  groupBy: ['rule'],
  maxAlertsPerMessage: 20,
  maxMessagesPerRound: 10,
  resolveNotices: true,
  flapping: { window: H, changes: 6 },
  maxSilence: 30 * 24 * H,
  retention: 7 * 24 * H,
  inhibit: DEFAULT_INHIBIT_RULES,
};

export function rule(overrides: Partial<Rule> & { id: string }): Rule {
  return {
    metric: 'host_filesystem_used_percent',
    matchers: {},
    transform: { kind: 'value' },
    comparator: '>',
    threshold: 90,
    clearThreshold: 85,
    for: 2 * M,
    severity: 'critical',
    labels: {},
    summary: '{{mount}} is {{value}}% full',
    runbook: '1. Find what grew: du -xh.\n2. Remove it.\n3. Third step.',
    topics: ['disk'],
    ...overrides,
  };
}

export function disk(mount: string, value: number, at: number): Sample {
  return { metric: 'host_filesystem_used_percent', labels: { mount }, value, at };
}

/** A deliverer that records what it was given, answering from a script (default: ok). */
export function recordingDeliverer(platform = 'slack') {
  const seen: Array<{ channel: string; report: Report; at: number }> = [];
  const answers: Array<Awaited<ReturnType<Deliverer['deliver']>>> = [];
  let clockNow = () => 0;
  const deliverer: Deliverer & { seen: typeof seen; answers: typeof answers; useClock(now: () => number): void } = {
    platform,
    seen,
    answers,
    useClock(now) {
      clockNow = now;
    },
    async deliver(channel, report) {
      seen.push({ channel, report, at: clockNow() });
      return answers.shift() ?? { ok: true };
    },
  };
  return deliverer;
}

export interface EngineRig {
  dir: string;
  file: string;
  store: Store;
  clock: ReturnType<typeof createFakeClock>;
  engine: AlertEngine;
  outbox: OutboxWorker;
  slack: ReturnType<typeof recordingDeliverer>;
  statuses: ProbeStatus[];
  /** Feeds samples as the host probe, evaluates, drains the outbox. */
  round(samples?: Sample[] | undefined): Promise<ReturnType<AlertEngine['evaluate']>>;
  /** A new engine and outbox on the same store file (a restart). */
  restart(): void;
}

export function createRig(rules: Rule[], overrides: Partial<Omit<AlertEngineOptions, 'settings'>> & { settings?: Partial<AlertSettings> } = {}, existing?: { dir: string; clock: ReturnType<typeof createFakeClock> }): EngineRig {
  const dir = existing?.dir ?? makeTempDir();
  const file = join(dir, 'store.sqlite');
  const clock = existing?.clock ?? createFakeClock();
  const slack = recordingDeliverer('slack');
  slack.useClock(clock.now);
  const statuses: ProbeStatus[] = [];
  const { log } = createCapturingLogger();
  const { settings, ...rest } = overrides;
  const build = () => {
    const store = openSqliteStore(file);
    const engine = createAlertEngine({
      store,
      rules,
      settings: { ...SETTINGS, ...settings },
      route: () => ['slack:C1'],
      now: clock.now,
      log,
      probeStatuses: () => statuses,
      ...rest,
    });
    const outbox = createOutboxWorker({ store, deliverers: [slack], log, now: clock.now });
    return { store, engine, outbox };
  };
  const rig: EngineRig = {
    dir,
    file,
    clock,
    slack,
    statuses,
    ...build(),
    async round(samples) {
      if (samples !== undefined) rig.engine.observe('host', samples);
      const result = rig.engine.evaluate();
      await rig.outbox.drain();
      return result;
    },
    restart() {
      rig.store.close();
      Object.assign(rig, build());
    },
  };
  return rig;
}

/** Advances the clock by `step` and runs a round with the samples `at` gives, `count` times. */
export async function runFor(rig: EngineRig, count: number, step: number, samples: (at: number) => Sample[]): Promise<void> {
  for (let i = 0; i < count; i++) {
    rig.clock.advance(step);
    await rig.round(samples(rig.clock.now()));
  }
}
