import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMetricHistory, type MetricHistoryOptions } from '../../src/history/metric-history.js';
import type { Sample } from '../../src/probes/probe.js';
import { openTempStore, type TempStore } from './temp-store.js';

const T0 = Date.UTC(2024, 0, 1); // on an hour boundary
const MINUTE = 60_000;
const HOUR = 3_600_000;
const CPU = 'host_cpu_percent{host="web-1"}';
const ALL = [0, Number.MAX_SAFE_INTEGER] as const;

function cpu(at: number, value: number): Sample {
  return { metric: 'host_cpu_percent', labels: { host: 'web-1' }, value, at };
}

describe('createMetricHistory', () => {
  let temp: TempStore;
  let clock = T0;
  const open = (options: Partial<MetricHistoryOptions> = {}) =>
    createMetricHistory({ store: temp.store, now: () => clock, ...options });

  beforeEach(() => {
    temp = openTempStore();
    clock = T0;
  });
  afterEach(() => temp.dispose());

  it('aggregates avg, min, max and count per minute when samples cross a minute boundary', () => {
    const history = open();
    history.record([cpu(T0, 1), cpu(T0 + 15_000, 3), cpu(T0 + 30_000, 5), cpu(T0 + 59_999, 7)]);
    history.record([cpu(T0 + MINUTE, 10), cpu(T0 + MINUTE + 30_000, 20)]);
    history.record([cpu(T0 + 2 * MINUTE, 0)]);
    history.flush(T0 + 2 * MINUTE + 1);
    expect(temp.store.readMetricPoints('minute', CPU, ...ALL)).toEqual([
      { series: CPU, at: T0, avg: 4, min: 1, max: 7, count: 4 },
      { series: CPU, at: T0 + MINUTE, avg: 15, min: 10, max: 20, count: 2 },
    ]);
  });

  it('aggregates per hour when samples cross an hour boundary', () => {
    const history = open();
    history.record([cpu(T0, 2), cpu(T0 + 30 * MINUTE, 4), cpu(T0 + HOUR - 1, 9), cpu(T0 + HOUR, 100)]);
    history.flush(T0 + HOUR + 1);
    expect(temp.store.readMetricPoints('hour', CPU, ...ALL)).toEqual([
      { series: CPU, at: T0, avg: 5, min: 2, max: 9, count: 3 },
    ]);
  });

  it('writes only closed buckets when flushed without includeOpen', () => {
    const history = open();
    history.record([cpu(T0, 1), cpu(T0 + MINUTE, 2)]);
    expect(temp.store.readMetricPoints('minute', CPU, ...ALL)).toEqual([]);
    history.flush(T0 + MINUTE + 1);
    expect(temp.store.readMetricPoints('minute', CPU, ...ALL).map((point) => point.at)).toEqual([T0]);
    expect(temp.store.readMetricPoints('hour', CPU, ...ALL)).toEqual([]);
    expect(history.stats().queued).toBe(0);
  });

  it('writes the still open buckets too when flushed with includeOpen', () => {
    const history = open();
    history.record([cpu(T0, 1), cpu(T0 + MINUTE, 2)]);
    history.flush(T0 + MINUTE + 1, { includeOpen: true });
    expect(temp.store.readMetricPoints('minute', CPU, ...ALL).map((point) => point.avg)).toEqual([1, 2]);
    expect(temp.store.readMetricPoints('hour', CPU, ...ALL)).toEqual([
      { series: CPU, at: T0, avg: 1.5, min: 1, max: 2, count: 2 },
    ]);
  });

  it('writes a bucket whose time is over when its series stopped reporting', () => {
    const history = open();
    history.record([cpu(T0 + 10_000, 5)]);
    history.flush(T0 + MINUTE - 1);
    expect(temp.store.readMetricPoints('minute', CPU, ...ALL)).toEqual([]);
    history.flush(T0 + MINUTE);
    expect(temp.store.readMetricPoints('minute', CPU, ...ALL).map((point) => point.avg)).toEqual([5]);
  });

  it('adds to the stored bucket when a sample for it arrives after flush closed it by time', () => {
    const history = open();
    history.record([cpu(T0 + 10_000, 2)]);
    history.flush(T0 + MINUTE);
    history.record([cpu(T0 + 50_000, 4), cpu(T0 + MINUTE, 0)]);
    history.flush(T0 + MINUTE + 1);
    expect(temp.store.readMetricPoints('minute', CPU, T0, T0)).toEqual([
      { series: CPU, at: T0, avg: 3, min: 2, max: 4, count: 2 },
    ]);
  });

  it('returns persisted minute points from a new history when the store was closed and reopened', () => {
    const first = open();
    for (let i = 0; i <= 12; i += 1) first.record([cpu(T0 + i * 15_000, i)]);
    first.flush(T0 + 3 * MINUTE, { includeOpen: true });

    temp.reopen();
    const second = open();
    expect(second.latest(CPU)).toBeUndefined();
    expect(second.seriesNames()).toEqual([CPU]);
    expect(second.range(CPU, T0, T0 + 3 * MINUTE)).toEqual([
      [T0, 1.5],
      [T0 + MINUTE, 5.5],
      [T0 + 2 * MINUTE, 9.5],
      [T0 + 3 * MINUTE, 12],
    ]);
  });

  it('merges into the partly stored bucket when a restart happens within a minute', () => {
    const first = open();
    first.record([cpu(T0, 1), cpu(T0 + 15_000, 3)]);
    first.flush(T0 + 20_000, { includeOpen: true });

    temp.reopen();
    const second = open();
    second.record([cpu(T0 + 30_000, 5), cpu(T0 + 45_000, 7), cpu(T0 + MINUTE, 0)]);
    second.flush(T0 + MINUTE + 1);
    expect(temp.store.readMetricPoints('minute', CPU, T0, T0)).toEqual([
      { series: CPU, at: T0, avg: 4, min: 1, max: 7, count: 4 },
    ]);
  });

  it('keeps at most rawCapacity samples per series in memory', () => {
    const history = open({ rawCapacity: 3 });
    for (let i = 0; i < 10; i += 1) history.record([cpu(T0 + i * 1_000, i)]);
    expect(history.latest(CPU)).toEqual({ at: T0 + 9_000, value: 9 });
    expect(history.range(CPU, T0 + 7_000, T0 + 9_000)).toEqual([
      [T0 + 7_000, 7],
      [T0 + 8_000, 8],
      [T0 + 9_000, 9],
    ]);
    // One step further back is no longer raw: it comes from the (open) minute bucket.
    expect(history.range(CPU, T0, T0 + 9_000)).toEqual([[T0, 4.5]]);
  });

  it('drops a sample when its value is not finite or it is older than the newest of its series', () => {
    const history = open();
    history.record([cpu(T0 + 2_000, 1), cpu(T0 + 1_000, 50), cpu(T0 + 3_000, Number.NaN), cpu(T0 + 4_000, Infinity)]);
    expect(history.range(CPU, T0 + 2_000, T0 + 10_000)).toEqual([[T0 + 2_000, 1]]);
    expect(history.latest(CPU)).toEqual({ at: T0 + 2_000, value: 1 });
    expect(history.stats()).toMatchObject({ series: 1, droppedSamples: 3 });
  });

  it('drops samples of new series when maxSeries series are held', () => {
    const history = open({ maxSeries: 1 });
    history.record([cpu(T0, 1), { metric: 'host_load1', labels: {}, value: 1, at: T0 }]);
    expect(history.seriesNames()).toEqual([CPU]);
    expect(history.stats()).toMatchObject({ series: 1, droppedSamples: 1 });
  });

  it('drops the oldest queued buckets when maxQueued is reached without a flush', () => {
    const history = open({ maxQueued: 2 });
    for (let i = 0; i <= 4; i += 1) history.record([cpu(T0 + i * MINUTE, i)]);
    expect(history.stats()).toMatchObject({ queued: 2, droppedPoints: 2 });
    history.flush(T0 + 4 * MINUTE + 1);
    expect(temp.store.readMetricPoints('minute', CPU, ...ALL).map((point) => point.avg)).toEqual([2, 3]);
  });
});
