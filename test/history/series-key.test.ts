import { describe, expect, it } from 'vitest';
import { parseSeriesKey, seriesKey } from '../../src/history/series-key.js';

describe('seriesKey', () => {
  it('returns the bare metric name when there are no labels', () => {
    expect(seriesKey('host_load1', {})).toBe('host_load1');
  });

  it('sorts labels by name when they were given in another order', () => {
    expect(seriesKey('host_disk_used_ratio', { mount: '/', device: 'sda1' })).toBe(
      'host_disk_used_ratio{device="sda1",mount="/"}',
    );
  });

  it('escapes backslashes, quotes and newlines in values the Prometheus way', () => {
    expect(seriesKey('log_errors_total', { file: 'C:\\logs\\"x"\nend' })).toBe(
      'log_errors_total{file="C:\\\\logs\\\\\\"x\\"\\nend"}',
    );
  });
});

describe('parseSeriesKey', () => {
  it('returns the metric and labels when the key came from seriesKey', () => {
    const cases = [
      { metric: 'host_load1', labels: {} },
      { metric: 'host_disk_used_ratio', labels: { device: 'sda1', mount: '/' } },
      { metric: 'm', labels: { a: '', b: 'x,y="z"}', c: 'back\\slash\nnewline', d: '{' } },
    ];
    for (const { metric, labels } of cases) {
      expect(parseSeriesKey(seriesKey(metric, labels))).toEqual({ metric, labels });
    }
  });

  it('throws when the key is malformed', () => {
    for (const key of ['m{a="x"', 'm{a=x}', 'm{a="x}', 'm{a="x"b="y"}', 'm{a}']) {
      expect(() => parseSeriesKey(key), key).toThrow(/malformed series key/);
    }
  });
});
