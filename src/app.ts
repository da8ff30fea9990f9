import type { Logger } from 'pino';
import { createConfiguredAlertEngine } from './alerts/create.js';
import type { AlertEngine } from './alerts/engine.js';
import type { Config } from './config/load-config.js';
import type { Command, OptionSpecs } from './dispatch/command.js';
import { createDispatcher, type DispatchResult } from './dispatch/dispatch.js';
import type { Invocation } from './dispatch/invocation.js';
import { createCommandRegistry } from './dispatch/registry.js';
import type { AppServices } from './dispatch/services.js';
import { createMetricHistory, type MetricHistory } from './history/metric-history.js';
import { createOutboxWorker, type Deliverer, type OutboxWorker } from './notify/outbox-worker.js';
import type { PgClient } from './postgres/pg-client.js';
import { createEscalator, type Escalator } from './escalation/escalator.js';
import type { Probe } from './probes/probe.js';
import type { RedisReader } from './redis/redis-reader.js';
import { createProbeRunner, type ProbeRunner } from './probes/probe-runner.js';
import type { Report } from './reports/report.js';
import type { Schedule } from './scheduler/schedule.js';
import { createScheduler, type Scheduler } from './scheduler/scheduler.js';
import { createAckLinkIssuerFromConfig } from './server/ack-link.js';
import { createPrometheusExporter, type PrometheusExporter } from './server/prometheus.js';
import type { Store } from './store/store.js';

export interface AppDeps {
  config: Config;
  store: Store;
  log: Logger;
  now(): number;
  probes: ReadonlyArray<Probe<unknown>>;
  commands: ReadonlyArray<Command<OptionSpecs>>;
  schedules: readonly Schedule[];
  deliverers: readonly Deliverer[];
  /** CinemataCMS's PostgreSQL; undefined when not configured. */
  postgres?: PgClient | undefined;
  /** The Celery broker; undefined when not configured. */
  redis?: RedisReader | undefined;
  version: string;
  /** This process's name among several instances sharing a store. */
  instance: string;
  /** Aborted on shutdown. */
  signal?: AbortSignal | undefined;
}

/** The assembled bot without any timers, sockets or terminals: every test drives it through this seam. */
export interface App {
  dispatch(invocation: Invocation): Promise<DispatchResult>;
  /** One sampling round: run every probe, record samples, deliver due outbox messages. */
  tick(): Promise<void>;
  /** Persists closed history buckets; `final` also writes the open ones (on shutdown). */
  flush(final?: boolean): void;
  /** Queues a report for every target routed to this schedule or report id and delivers what is due. */
  publish(reportId: string, report: Report): Promise<void>;
  lastTickAt(): number | undefined;
  services: AppServices;
  runner: ProbeRunner;
  history: MetricHistory;
  exporter: PrometheusExporter;
  outbox: OutboxWorker;
  alerts: AlertEngine;
  escalator: Escalator;
  scheduler: Scheduler;
}

export function createApp(deps: AppDeps): App {
  const log = deps.log;
  const registry = createCommandRegistry(deps.commands);
  const history = createMetricHistory({
    store: deps.store,
    minuteRetentionMs: deps.config.history.minuteRetention,
    hourRetentionMs: deps.config.history.hourRetention,
    now: deps.now,
  });
  let exporter: PrometheusExporter | undefined;
  let alerts: AlertEngine | undefined;
  const runner = createProbeRunner({
    probes: deps.probes,
    now: deps.now,
    log: log.child({ component: 'probes' }),
    timeoutMs: deps.config.sampling.timeout,
    maxAgeMs: deps.config.sampling.interval,
    signal: deps.signal,
    onRun(run) {
      history.record(run.samples);
      alerts?.observe(run.probeId, run.samples);
      exporter?.observe(run);
    },
  });
  exporter = createPrometheusExporter(runner, log.child({ component: 'metrics' }));
  // 16 attempts with capped exponential backoff keep a message for about 9 hours of outage before it is dead-lettered.
  const outbox = createOutboxWorker({ store: deps.store, deliverers: deps.deliverers, log, now: deps.now, maxAttempts: 16 });
  const alertEngine = createConfiguredAlertEngine({
    config: deps.config,
    store: deps.store,
    log,
    now: deps.now,
    history,
    probeStatuses: () => runner.statuses(),
    platforms: () => outbox.platforms(),
    instance: deps.instance,
  });
  alerts = alertEngine;
  const escalator = createEscalator({
    store: deps.store,
    config: deps.config,
    enqueue: outbox.enqueue,
    log,
    now: deps.now,
    instance: deps.instance,
    ackLinks: createAckLinkIssuerFromConfig(deps.config),
    runbookFor: (alert) => alertEngine.rules.find((rule) => rule.id === alert.ruleId)?.runbook,
    platforms: outbox.platforms,
  });
  const services: AppServices = {
    probes: runner,
    history,
    store: deps.store,
    postgres: deps.postgres,
    redis: deps.redis,
    commands: [...registry.values()],
    schedules: deps.schedules,
    version: deps.version,
    startedAt: deps.now(),
  };
  const dispatch = createDispatcher({ registry, config: deps.config, services, log, now: deps.now });

  function targetsFor(reportId: string): string[] {
    const running = new Set(outbox.platforms());
    const targets = deps.config.channels
      .filter((channel) => channel.reports.includes(reportId))
      .filter((channel) => {
        if (running.has(channel.platform)) return true;
        log.warn({ reportId, channel }, `report routed to ${channel.platform}, but no ${channel.platform} adapter is running`);
        return false;
      })
      .map((channel) => `${channel.platform}:${channel.id}`);
    if (running.has('console')) targets.push('console');
    return targets;
  }

  async function publish(reportId: string, report: Report): Promise<void> {
    for (const target of targetsFor(reportId)) outbox.enqueue(target, report);
    await outbox.drain();
  }

  const scheduler = createScheduler({
    schedules: deps.schedules,
    config: deps.config,
    store: deps.store,
    log,
    instance: deps.instance,
    context: { config: deps.config, services, now: deps.now },
    deliver: (id, report) => void publish(id, report),
  });

  let lastTickAt: number | undefined;
  return {
    dispatch,
    async tick() {
      await runner.runAll();
      history.flush(deps.now());
      alertEngine.evaluate();
      escalator.tick();
      await outbox.drain();
      lastTickAt = deps.now();
    },
    flush(final = false) {
      history.flush(deps.now(), { includeOpen: final });
    },
    publish,
    lastTickAt: () => lastTickAt,
    services,
    runner,
    history,
    exporter,
    outbox,
    alerts: alertEngine,
    escalator,
    scheduler,
  };
}
