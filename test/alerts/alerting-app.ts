import type { AlertEngine } from '../../src/alerts/engine.js';
import type { Invocation } from '../../src/dispatch/invocation.js';
import { tokenize } from '../../src/dispatch/tokenize.js';
import type { Probe } from '../../src/probes/probe.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { createTestApp, testConfig, type TestApp } from '../helpers/test-app.js';
import { recordingDeliverer } from './support.js';

export interface AlertingApp extends TestApp {
  engine: AlertEngine;
  slack: ReturnType<typeof recordingDeliverer>;
  /** createApp's own tick(): probes → history + engine, evaluate, escalate, deliver. */
  tick(): Promise<void>;
  run(line: string, extra?: Partial<Invocation>): ReturnType<TestApp['app']['dispatch']>;
}

/** The real app (createApp's wiring of the engine) with alerts routed to a recording Slack channel. */
export function createAlertingApp(probes: ReadonlyArray<Probe<unknown>>): AlertingApp {
  const slack = recordingDeliverer('slack');
  const base = testConfig(makeTempDir());
  const config = { ...base, channels: [{ platform: 'slack' as const, id: 'C1', severities: ['warning' as const, 'critical' as const], reports: [] }] };
  const test = createTestApp(probes, { config, deliverers: [slack] });
  slack.useClock(test.clock.now);
  const { app } = test;
  return {
    ...test,
    engine: app.alerts,
    slack,
    tick: () => app.tick(),
    run(line, extra = {}) {
      const [command = '', ...args] = tokenize(line);
      return app.dispatch({ platform: 'cli', user: { id: 'alice' }, command, args, ...extra });
    },
  };
}
