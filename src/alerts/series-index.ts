import { seriesKey } from '../history/series-key.js';
import type { ProbeStatus, Sample } from '../probes/probe.js';
import type { SeriesReading } from '../rules/evaluate.js';

/**
 * The latest reading of every series, by metric, as the last successful run of each probe reported it. A run
 * replaces everything its probe said before, so a series that disappears (an unmounted filesystem, a removed
 * unit) is gone at once, like a Prometheus staleness marker. A failing probe's series stay as they were: the
 * engine holds their alerts instead of resolving them on missing data.
 */
export interface SeriesIndex {
  /** Replaces what `probeId` reported. */
  observe(probeId: string, samples: readonly Sample[]): void;
  series(metric: string): readonly SeriesReading[];
  /** Whether the probe has reported at least once since this process started. */
  hasReported(probeId: string): boolean;
  /** Probe health as synthetic `probe_up{probe}` series (with the error for templates). */
  setProbeStatuses(statuses: readonly ProbeStatus[]): void;
  /** Number of series held. */
  size(): number;
}

export function createSeriesIndex(): SeriesIndex {
  /** probe → metric → readings. */
  const byProbe = new Map<string, Map<string, SeriesReading[]>>();
  /** metric → readings across probes, rebuilt lazily when a probe reports. */
  let merged: Map<string, SeriesReading[]> | undefined;
  let probeUp: SeriesReading[] = [];

  function merge(): Map<string, SeriesReading[]> {
    if (merged !== undefined) return merged;
    const out = new Map<string, SeriesReading[]>();
    for (const metrics of byProbe.values()) {
      for (const [metric, readings] of metrics) {
        const list = out.get(metric);
        if (list === undefined) out.set(metric, readings);
        else out.set(metric, [...list, ...readings]);
      }
    }
    merged = out;
    return out;
  }

  return {
    observe(probeId, samples) {
      const metrics = new Map<string, Map<string, SeriesReading>>();
      for (const sample of samples) {
        if (!Number.isFinite(sample.value)) continue;
        let readings = metrics.get(sample.metric);
        if (readings === undefined) metrics.set(sample.metric, (readings = new Map()));
        const key = seriesKey(sample.metric, sample.labels);
        readings.set(key, { key, labels: sample.labels, value: sample.value, at: sample.at });
      }
      byProbe.set(probeId, new Map([...metrics].map(([metric, readings]) => [metric, [...readings.values()]])));
      merged = undefined;
    },
    series(metric) {
      if (metric === 'probe_up') return probeUp;
      return merge().get(metric) ?? [];
    },
    hasReported: (probeId) => byProbe.has(probeId),
    setProbeStatuses(statuses) {
      probeUp = statuses
        .filter((status) => status.lastRunAt !== undefined)
        .map((status) => ({
          key: seriesKey('probe_up', { probe: status.id }),
          labels: { probe: status.id },
          value: status.ok ? 1 : 0,
          at: status.lastRunAt ?? 0,
          extra: { error: status.error ?? 'no error' },
        }));
    },
    size() {
      let n = probeUp.length;
      for (const readings of merge().values()) n += readings.length;
      return n;
    },
  };
}
