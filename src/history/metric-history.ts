import type { Sample } from '../probes/probe.js';
import type { MetricPoint, Resolution, Store } from '../store/store.js';
import { addToBucket, bucketFromPoint, bucketToPoint, createBucket, type Bucket } from './bucket.js';
import { RESOLUTION_MS, RESOLUTIONS, bucketStartOf } from './resolutions.js';
import { createSampleRing, type SampleRing } from './sample-ring.js';
import { seriesKey } from './series-key.js';

const HOUR_MS = RESOLUTION_MS.hour;

export interface MetricHistoryOptions {
  store: Store;
  /** Raw samples kept in memory per series. Default 240 (1 h at a 15 s sampling interval). */
  rawCapacity?: number | undefined;
  /** How long minute buckets are kept in the store, in ms. Default 24 h. */
  minuteRetentionMs?: number | undefined;
  /** How long hour buckets are kept in the store, in ms. Default 30 days. */
  hourRetentionMs?: number | undefined;
  /** Most series held in memory; samples of further series are dropped (and counted). Default 10 000. */
  maxSeries?: number | undefined;
  /** Most closed buckets waiting for flush(), per resolution; the oldest are dropped past it. Default 50 000. */
  maxQueued?: number | undefined;
  /** Epoch ms; range() measures retention from it. Default Date.now. */
  now?: (() => number) | undefined;
}

/** Every metric's recent past: raw samples in memory, minute and hour aggregates persisted through the Store. */
export interface MetricHistory {
  /** Keeps samples in order per series; non-finite values and samples older than their series' newest are dropped. */
  record(samples: readonly Sample[]): void;
  /**
   * Persists closed buckets (one store write per resolution) and prunes points past retention at most once an
   * hour. Buckets whose time is over by `now` are closed too, so a series that stops reporting still gets its
   * last bucket saved. `includeOpen` also writes the buckets still filling, for shutdown.
   */
  flush(now: number, options?: { includeOpen?: boolean | undefined }): void;
  /** The newest raw sample of a series seen by this process. */
  latest(series: string): { at: number; value: number } | undefined;
  /**
   * `[at, value]` pairs with `from <= at <= to`, oldest first, from the finest source covering `from`: raw samples,
   * else minute averages within minute retention, else hour averages. Bucket points are at their bucket start.
   */
  range(series: string, from: number, to: number): Array<[number, number]>;
  /** Series in memory or in the store, sorted. */
  seriesNames(): string[];
  /** For /metrics and health: how much is held, and how much was dropped since start. */
  stats(): { series: number; queued: number; droppedSamples: number; droppedPoints: number };
}

interface SeriesState {
  ring: SampleRing;
  open: Partial<Record<Resolution, Bucket>>;
  /**
   * Start of the bucket flush() last closed by time. A later sample for that same bucket must add to the stored
   * point rather than replace it; any other new bucket starts empty without asking the store.
   */
  closedByTime: Partial<Record<Resolution, number>>;
  /** Resolutions whose first bucket in this process has not been looked up in the store yet. */
  unchecked: Set<Resolution>;
}

export function createMetricHistory(options: MetricHistoryOptions): MetricHistory {
  const { store } = options;
  const rawCapacity = options.rawCapacity ?? 240;
  const retentionMs: Record<Resolution, number> = {
    minute: options.minuteRetentionMs ?? 24 * HOUR_MS,
    hour: options.hourRetentionMs ?? 30 * 24 * HOUR_MS,
  };
  const maxSeries = options.maxSeries ?? 10_000;
  const maxQueued = options.maxQueued ?? 50_000;
  const now = options.now ?? Date.now;

  const series = new Map<string, SeriesState>();
  const queued: Record<Resolution, MetricPoint[]> = { minute: [], hour: [] };
  let droppedSamples = 0;
  let droppedPoints = 0;
  let lastPruneAt: number | undefined;

  function queue(resolution: Resolution, point: MetricPoint): void {
    const points = queued[resolution];
    // Only reached when nobody calls flush(); losing the oldest aggregates beats growing without bound.
    if (points.length >= maxQueued) {
      points.shift();
      droppedPoints += 1;
    }
    points.push(point);
  }

  function openBucket(key: string, state: SeriesState, resolution: Resolution, start: number): Bucket {
    // The first bucket after a restart may already be partly stored (written by includeOpen at shutdown).
    const mayBeStored = state.unchecked.delete(resolution) || state.closedByTime[resolution] === start;
    const stored = mayBeStored ? store.readMetricPoints(resolution, key, start, start)[0] : undefined;
    const bucket = stored === undefined ? createBucket(start) : bucketFromPoint(stored);
    state.open[resolution] = bucket;
    return bucket;
  }

  function fold(key: string, state: SeriesState, at: number, value: number): void {
    for (const resolution of RESOLUTIONS) {
      const start = bucketStartOf(at, resolution);
      let bucket = state.open[resolution];
      if (bucket !== undefined && bucket.start < start) {
        queue(resolution, bucketToPoint(key, bucket));
        bucket = undefined;
      }
      addToBucket(bucket ?? openBucket(key, state, resolution, start), value);
    }
  }

  function stateOf(key: string): SeriesState | undefined {
    const existing = series.get(key);
    if (existing !== undefined || series.size >= maxSeries) return existing;
    const created: SeriesState = {
      ring: createSampleRing(rawCapacity),
      open: {},
      closedByTime: {},
      unchecked: new Set(RESOLUTIONS),
    };
    series.set(key, created);
    return created;
  }

  function closeEndedBuckets(at: number): void {
    for (const [key, state] of series) {
      for (const resolution of RESOLUTIONS) {
        const bucket = state.open[resolution];
        if (bucket === undefined || bucket.start + RESOLUTION_MS[resolution] > at) continue;
        queue(resolution, bucketToPoint(key, bucket));
        delete state.open[resolution];
        state.closedByTime[resolution] = bucket.start;
      }
    }
  }

  function prune(at: number): void {
    if (lastPruneAt !== undefined && at - lastPruneAt < HOUR_MS) return;
    for (const resolution of RESOLUTIONS) store.pruneMetricPoints(resolution, at - retentionMs[resolution]);
    lastPruneAt = at;
  }

  function bucketRange(key: string, resolution: Resolution, from: number, to: number): Array<[number, number]> {
    // Later sources win: a queued or open bucket is newer than what the store holds for the same start.
    const byStart = new Map<number, number>();
    for (const point of store.readMetricPoints(resolution, key, from, to)) byStart.set(point.at, point.avg);
    for (const point of queued[resolution]) {
      if (point.series === key && point.at >= from && point.at <= to) byStart.set(point.at, point.avg);
    }
    const open = series.get(key)?.open[resolution];
    if (open !== undefined && open.start >= from && open.start <= to) byStart.set(open.start, open.sum / open.count);
    return [...byStart].sort((a, b) => a[0] - b[0]);
  }

  return {
    record(samples) {
      for (const sample of samples) {
        // NaN would poison every average it is folded into; an older sample cannot go into a closed bucket.
        const key = seriesKey(sample.metric, sample.labels);
        const state = Number.isFinite(sample.value) ? stateOf(key) : undefined;
        const newest = state?.ring.latest();
        if (state === undefined || (newest !== undefined && sample.at < newest.at)) {
          droppedSamples += 1;
          continue;
        }
        state.ring.push(sample.at, sample.value);
        fold(key, state, sample.at, sample.value);
      }
    },

    flush(at, flushOptions) {
      closeEndedBuckets(at);
      for (const resolution of RESOLUTIONS) {
        const points = [...queued[resolution]];
        if (flushOptions?.includeOpen === true) {
          for (const [key, state] of series) {
            const bucket = state.open[resolution];
            if (bucket !== undefined) points.push(bucketToPoint(key, bucket));
          }
        }
        if (points.length > 0) store.writeMetricPoints(resolution, points);
        // Cleared only after the write: if the store throws, the points are still queued for the next flush.
        queued[resolution] = [];
      }
      prune(at);
    },

    latest(key) {
      return series.get(key)?.ring.latest();
    },

    range(key, from, to) {
      if (from > to) return [];
      const ring = series.get(key)?.ring;
      const oldest = ring?.oldestAt();
      if (ring !== undefined && oldest !== undefined && from >= oldest) return ring.between(from, to);
      const resolution = from >= now() - retentionMs.minute ? 'minute' : 'hour';
      return bucketRange(key, resolution, from, to);
    },

    seriesNames() {
      const names = new Set(series.keys());
      for (const resolution of RESOLUTIONS) for (const name of store.listMetricSeries(resolution)) names.add(name);
      return [...names].sort();
    },

    stats() {
      const queuedPoints = queued.minute.length + queued.hour.length;
      return { series: series.size, queued: queuedPoints, droppedSamples, droppedPoints };
    },
  };
}
