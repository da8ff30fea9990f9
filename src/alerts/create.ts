import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { MetricHistory } from '../history/metric-history.js';
import type { ProbeStatus } from '../probes/probe.js';
import { buildRules } from '../rules/build-rules.js';
import type { Store } from '../store/store.js';
import { createAlertEngine, type AlertEngine } from './engine.js';
import { alertSettings, createAlertRouter } from './settings.js';

export interface ConfiguredAlertEngineDeps {
  config: Config;
  store: Store;
  log: Logger;
  now(): number;
  history: Pick<MetricHistory, 'range'>;
  probeStatuses(): readonly ProbeStatus[];
  /** Platforms with a running deliverer (OutboxWorker.platforms). */
  platforms(): readonly string[];
  instance?: string | undefined;
}

/**
 * The engine as the bot runs it: the default rules with the configured thresholds and overrides, the configured
 * timers, and routing by severity to `channels`. Throws a RulesError when the merged rules cannot run.
 */
export function createConfiguredAlertEngine(deps: ConfiguredAlertEngineDeps): AlertEngine {
  return createAlertEngine({
    store: deps.store,
    rules: buildRules(deps.config),
    settings: alertSettings(deps.config),
    route: createAlertRouter(deps.config.channels, deps.platforms, deps.log.child({ component: 'alerts' })),
    now: deps.now,
    log: deps.log,
    history: deps.history,
    probeStatuses: deps.probeStatuses,
    instance: deps.instance,
  });
}
