import { commands } from '../../commands/index.js';
import ack from '../../commands/ack.js';
import alerts from '../../commands/alerts.js';
import runbook from '../../commands/runbook.js';
import silence from '../../commands/silence.js';
import silences from '../../commands/silences.js';
import unsilence from '../../commands/unsilence.js';
import { createConfiguredAlertEngine } from '../../src/alerts/create.js';
import type { AlertEngine } from '../../src/alerts/engine.js';
import type { Command, OptionSpecs } from '../../src/dispatch/command.js';
import type { Invocation } from '../../src/dispatch/invocation.js';
import { tokenize } from '../../src/dispatch/tokenize.js';
import type { Probe } from '../../src/probes/probe.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { recordingDeliverer } from './support.js';

export const ALERT_COMMANDS = [alerts, ack, silence, silences, unsilence, runbook] as unknown as ReadonlyArray<Command<OptionSpecs>>;

export interface AlertingApp extends TestApp {
  engine: AlertEngine;
  slack: ReturnType<typeof recordingDeliverer>;
  /** What createApp's tick() does once the engine is wired: probes → history + engine, evaluate, deliver. */
  tick(): Promise<void>;
  run(line: string, extra?: Partial<Invocation>): ReturnType<TestApp['app']['dispatch']>;
}

/**
 * The test-only assembly of what createApp will do with the engine wired in: the engine observes every probe run,
 * evaluates after the history flush, and the outbox drains after it. Commands are the registered ones plus the
 * alert commands (until commands/index.ts lists them).
 */
export function createAlertingApp(probes: ReadonlyArray<Probe<unknown>>): AlertingApp {
  const slack = recordingDeliverer('slack');
  const registered = new Set(commands.map((c) => c.name));
  const test = createTestApp(probes, { commands: [...commands, ...ALERT_COMMANDS.filter((c) => !registered.has(c.name))], deliverers: [slack] });
  const config = { ...test.config, channels: [{ platform: 'slack' as const, id: 'C1', severities: ['warning' as const, 'critical' as const], reports: [] }] };
  slack.useClock(test.clock.now);
  const { app } = test;
  const engine = createConfiguredAlertEngine({
    config,
    store: test.store,
    log: createCapturingLogger().log,
    now: test.clock.now,
    history: app.history,
    probeStatuses: () => app.runner.statuses(),
    platforms: () => app.outbox.platforms(),
    instance: 'test-instance',
  });
  return {
    ...test,
    engine,
    slack,
    async tick() {
      for (const reading of await app.runner.runAll()) if (reading.ok) engine.observe(reading.run.probeId, reading.run.samples);
      app.history.flush(test.clock.now());
      engine.evaluate();
      await app.outbox.drain();
    },
    run(line, extra = {}) {
      const [command = '', ...args] = tokenize(line);
      return app.dispatch({ platform: 'cli', user: { id: 'alice' }, command, args, ...extra });
    },
  };
}
