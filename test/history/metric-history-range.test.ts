import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMetricHistory, type MetricHistory } from '../../src/history/metric-history.js';
import { openTempStore, type TempStore } from './temp-store.js';

const T0 = Date.UTC(2024, 0, 1); // on an hour boundary
const STEP = 15_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const LOAD = 'host_load1';

/** Sample i is at T0 + i * 15 s with value i, so a minute's average is 4m + 1.5 and an hour's is 240h + 119.5. */
function recordSteps(history: MetricHistory, count: number): void {
  for (let i = 0; i < count; i += 1) history.record([{ metric: LOAD, labels: {}, value: i, at: T0 + i * STEP }]);
}

describe('MetricHistory.range', () => {
  let temp: TempStore;
  let history: MetricHistory;
  const now = T0 + 3 * HOUR;

  beforeEach(() => {
    temp = openTempStore();
    history = createMetricHistory({ store: temp.store, rawCapacity: 4, minuteRetentionMs: 2 * HOUR, now: () => now });
    recordSteps(history, 3 * 240 + 1); // three full hours and the first sample of the fourth
  });
  afterEach(() => temp.dispose());

  it('returns raw samples when from is inside the raw buffer', () => {
    expect(history.range(LOAD, now - 2 * STEP, now)).toEqual([
      [now - 2 * STEP, 718],
      [now - STEP, 719],
      [now, 720],
    ]);
  });

  it('returns minute averages when from is before the raw buffer but within minute retention', () => {
    const from = T0 + 2 * HOUR + 50 * MINUTE;
    const points = history.range(LOAD, from, now);
    expect(points).toHaveLength(11);
    expect(points[0]).toEqual([from, 4 * 170 + 1.5]);
    expect(points[9]).toEqual([now - MINUTE, 4 * 179 + 1.5]);
    expect(points[10]).toEqual([now, 720]); // the open minute, one sample so far
  });

  it('returns the same minute averages from the store when the buckets were flushed', () => {
    const from = T0 + 2 * HOUR + 50 * MINUTE;
    const before = history.range(LOAD, from, now);
    history.flush(now);
    expect(history.stats().queued).toBe(0);
    expect(history.range(LOAD, from, now)).toEqual(before);
  });

  it('returns hour averages when from is older than minute retention', () => {
    history.flush(now);
    expect(history.range(LOAD, T0, now)).toEqual([
      [T0, 119.5],
      [T0 + HOUR, 359.5],
      [T0 + 2 * HOUR, 599.5],
      [T0 + 3 * HOUR, 720],
    ]);
  });

  it('returns nothing when from is after to or the series is unknown', () => {
    expect(history.range(LOAD, now, now - 1)).toEqual([]);
    expect(history.range('nope', T0, now)).toEqual([]);
  });
});

describe('MetricHistory pruning', () => {
  let temp: TempStore;
  beforeEach(() => {
    temp = openTempStore();
  });
  afterEach(() => temp.dispose());

  it('removes points older than each retention when flushed', () => {
    const now = T0 + 3 * HOUR;
    const history = createMetricHistory({
      store: temp.store,
      minuteRetentionMs: 10 * MINUTE,
      hourRetentionMs: 2 * HOUR,
      now: () => now,
    });
    recordSteps(history, 3 * 240 + 1);
    history.flush(now);
    const minutes = temp.store.readMetricPoints('minute', LOAD, 0, now).map((point) => point.at);
    expect(minutes[0]).toBe(now - 10 * MINUTE);
    expect(minutes).toHaveLength(10);
    const hours = temp.store.readMetricPoints('hour', LOAD, 0, now).map((point) => point.at);
    expect(hours).toEqual([T0 + HOUR, T0 + 2 * HOUR]);
  });

  it('prunes at most once an hour when flushed more often', () => {
    const history = createMetricHistory({ store: temp.store, minuteRetentionMs: 10 * MINUTE });
    history.flush(T0);
    temp.store.writeMetricPoints('minute', [{ series: LOAD, at: T0, avg: 1, min: 1, max: 1, count: 1 }]);
    history.flush(T0 + 59 * MINUTE);
    expect(temp.store.readMetricPoints('minute', LOAD, T0, T0)).toHaveLength(1);
    history.flush(T0 + HOUR);
    expect(temp.store.readMetricPoints('minute', LOAD, T0, T0)).toEqual([]);
  });

  it('lists series from the store when they are no longer in memory', () => {
    temp.store.writeMetricPoints('hour', [{ series: 'old_metric', at: T0, avg: 1, min: 1, max: 1, count: 1 }]);
    const history = createMetricHistory({ store: temp.store });
    history.record([{ metric: LOAD, labels: {}, value: 1, at: T0 }]);
    expect(history.seriesNames()).toEqual([LOAD, 'old_metric']);
  });
});
