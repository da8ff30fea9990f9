import { describe, expect, it } from 'vitest';
import type { Json, MetricPoint } from '../../src/store/store.js';
import type { CurrentStore } from './store-contract.js';

const CPU = 'host_cpu_percent{host="web-1"}';
const DISK = 'host_disk_used_ratio{mount="/"}';

function point(series: string, at: number, avg: number): MetricPoint {
  return { series, at, avg, min: avg - 1, max: avg + 1.5, count: 4 };
}

export function describeDataContract(store: CurrentStore): void {
  describe('metric points', () => {
    it('readMetricPoints returns the points in the inclusive range ordered by at', () => {
      store().writeMetricPoints('minute', [
        point(CPU, 180_000, 3),
        point(CPU, 60_000, 1),
        point(CPU, 120_000, 2),
        point(CPU, 240_000, 4),
        point(DISK, 120_000, 0.5),
      ]);
      expect(store().readMetricPoints('minute', CPU, 60_000, 180_000)).toEqual([
        point(CPU, 60_000, 1),
        point(CPU, 120_000, 2),
        point(CPU, 180_000, 3),
      ]);
      expect(store().readMetricPoints('minute', CPU, 0, 59_999)).toEqual([]);
    });

    it('writeMetricPoints replaces a point when series, resolution and at are the same', () => {
      store().writeMetricPoints('minute', [point(CPU, 60_000, 1)]);
      store().writeMetricPoints('minute', [point(CPU, 60_000, 7.5)]);
      expect(store().readMetricPoints('minute', CPU, 0, 120_000)).toEqual([point(CPU, 60_000, 7.5)]);
    });

    it('writeMetricPoints keeps resolutions apart when the same series and at are written to both', () => {
      store().writeMetricPoints('minute', [point(CPU, 0, 1)]);
      store().writeMetricPoints('hour', [point(CPU, 0, 2)]);
      expect(store().readMetricPoints('minute', CPU, 0, 0)).toEqual([point(CPU, 0, 1)]);
      expect(store().readMetricPoints('hour', CPU, 0, 0)).toEqual([point(CPU, 0, 2)]);
    });

    it('writeMetricPoints does nothing when given no points', () => {
      store().writeMetricPoints('hour', []);
      expect(store().listMetricSeries('hour')).toEqual([]);
    });

    it('listMetricSeries returns each series with points at that resolution once', () => {
      store().writeMetricPoints('minute', [point(CPU, 0, 1), point(CPU, 60_000, 1), point(DISK, 0, 1)]);
      store().writeMetricPoints('hour', [point(DISK, 0, 1)]);
      expect([...store().listMetricSeries('minute')].sort()).toEqual([CPU, DISK].sort());
      expect(store().listMetricSeries('hour')).toEqual([DISK]);
    });

    it('pruneMetricPoints deletes and counts points before the cutoff at that resolution only', () => {
      store().writeMetricPoints('minute', [point(CPU, 0, 1), point(CPU, 60_000, 2), point(DISK, 30_000, 3)]);
      store().writeMetricPoints('hour', [point(CPU, 0, 9)]);
      expect(store().pruneMetricPoints('minute', 60_000)).toBe(2);
      expect(store().readMetricPoints('minute', CPU, 0, 120_000)).toEqual([point(CPU, 60_000, 2)]);
      expect(store().listMetricSeries('minute')).toEqual([CPU]);
      expect(store().readMetricPoints('hour', CPU, 0, 0)).toEqual([point(CPU, 0, 9)]);
      expect(store().pruneMetricPoints('minute', 60_000)).toBe(0);
    });
  });

  describe('state', () => {
    it('getState returns undefined when the key was never set', () => {
      expect(store().getState('nope')).toBeUndefined();
    });

    it('getState returns nested JSON as it was set', () => {
      const value: Json = {
        cursor: { file: '/var/log/nginx/access.log', inode: 1234, offset: 9.5 },
        tags: ['a', null, true],
      };
      store().setState('nginx.cursor', value);
      expect(store().getState('nginx.cursor')).toEqual(value);
    });

    it('getState distinguishes a stored null, false, zero and empty string from a missing key', () => {
      const values: Json[] = [null, false, 0, ''];
      values.forEach((value, index) => store().setState(`k${index}`, value));
      expect(values.map((_, index) => store().getState(`k${index}`))).toEqual(values);
    });

    it('setState replaces the value when the key exists', () => {
      store().setState('k', [1, 2]);
      store().setState('k', 'two');
      expect(store().getState<string>('k')).toBe('two');
    });

    it('getState returns undefined when the key was deleted', () => {
      store().setState('k', 1);
      store().deleteState('k');
      expect(store().getState('k')).toBeUndefined();
      expect(() => store().deleteState('never')).not.toThrow();
    });
  });

  describe('leases', () => {
    it('tryLease succeeds when nobody holds the lease', () => {
      expect(store().tryLease('schedule:digest', 'a', 1_000, 2_000)).toBe(true);
    });

    it('tryLease refuses another owner while the lease is unexpired', () => {
      store().tryLease('schedule:digest', 'a', 1_000, 2_000);
      expect(store().tryLease('schedule:digest', 'b', 1_000, 3_000)).toBe(false);
      expect(store().tryLease('schedule:digest', 'b', 1_999, 3_000)).toBe(false);
    });

    it('tryLease gives the lease to another owner when it expired', () => {
      store().tryLease('schedule:digest', 'a', 1_000, 2_000);
      expect(store().tryLease('schedule:digest', 'b', 2_000, 3_000)).toBe(true);
      expect(store().tryLease('schedule:digest', 'a', 2_500, 4_000)).toBe(false);
    });

    it('tryLease renews the lease when the owner already holds it', () => {
      store().tryLease('schedule:digest', 'a', 1_000, 2_000);
      expect(store().tryLease('schedule:digest', 'a', 1_500, 5_000)).toBe(true);
      expect(store().tryLease('schedule:digest', 'b', 3_000, 6_000)).toBe(false);
      expect(store().tryLease('schedule:digest', 'b', 5_000, 6_000)).toBe(true);
    });

    it('tryLease treats differently named leases independently', () => {
      store().tryLease('schedule:digest', 'a', 1_000, 2_000);
      expect(store().tryLease('schedule:weekly', 'b', 1_000, 2_000)).toBe(true);
    });
  });
}
