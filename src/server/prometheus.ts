import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { ProbeStatus } from '../probes/probe.js';
import type { ProbeRun, ProbeRunner } from '../probes/probe-runner.js';

export const METRIC_PREFIX = 'cinemata_ops_';

export interface PrometheusExporter {
  registry: Registry;
  /** Replaces the gauges a probe owns with the samples of its latest run. */
  observe(run: ProbeRun<unknown>): void;
}

/**
 * Exposes every collected sample as a gauge named `cinemata_ops_<metric>`. A probe's gauges are reset on each of
 * its runs, so a filesystem that was unmounted or a unit that was removed disappears instead of going stale.
 */
export function createPrometheusExporter(runner: ProbeRunner, log: Logger): PrometheusExporter {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  const gauges = new Map<string, { gauge: Gauge; labelNames: string[] }>();
  const owned = new Map<string, Set<string>>();
  const warned = new Set<string>();

  // Probe health is read from the runner at scrape time, so it is never staler than the scrape.
  const probeGauges: Array<[string, string, (s: ProbeStatus) => number | undefined]> = [
    ['probe_up', '1 when the last run of the probe succeeded', (s) => (s.ok ? 1 : 0)],
    ['probe_duration_seconds', 'How long the last run of the probe took', (s) => (s.durationMs === undefined ? undefined : s.durationMs / 1000)],
    ['probe_last_success_timestamp_seconds', 'Unix time of the last successful run of the probe', (s) => (s.lastSuccessAt === undefined ? undefined : s.lastSuccessAt / 1000)],
  ];
  for (const [name, help, valueOf] of probeGauges) {
    new Gauge({
      name: `${METRIC_PREFIX}${name}`,
      help,
      labelNames: ['probe'],
      registers: [registry],
      collect() {
        for (const status of runner.statuses()) {
          const value = valueOf(status);
          if (value !== undefined) this.set({ probe: status.id }, value);
        }
      },
    });
  }

  function gaugeFor(metric: string, labelNames: string[], probeId: string) {
    let entry = gauges.get(metric);
    if (!entry) {
      const gauge = new Gauge({ name: `${METRIC_PREFIX}${metric}`, help: `${metric} from the ${probeId} probe`, labelNames, registers: [registry] });
      entry = { gauge, labelNames };
      gauges.set(metric, entry);
    }
    return entry;
  }

  return {
    registry,
    observe(run) {
      const mine = owned.get(run.probeId) ?? new Set<string>();
      for (const metric of mine) gauges.get(metric)?.gauge.reset();
      for (const sample of run.samples) {
        const labelNames = Object.keys(sample.labels).sort();
        const entry = gaugeFor(sample.metric, labelNames, run.probeId);
        if (entry.labelNames.join(',') !== labelNames.join(',')) {
          if (!warned.has(sample.metric)) log.warn({ metric: sample.metric }, 'sample labels differ from the first sample; skipped');
          warned.add(sample.metric);
          continue;
        }
        entry.gauge.set(sample.labels, sample.value);
        mine.add(sample.metric);
      }
      owned.set(run.probeId, mine);
    },
  };
}
