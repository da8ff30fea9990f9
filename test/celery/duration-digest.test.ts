import { describe, expect, it } from 'vitest';
import { addDuration, createDigest, EXACT_LIMIT, mergeDigests, quantile } from '../../src/celery/duration-digest.js';
import { planSample } from '../../src/celery/sample-plan.js';
import { applyEvent, MAX_TASKS_PER_BUCKET, OTHER_TASKS, type TaskBucket } from '../../src/celery/task-stats.js';

describe('duration digest', () => {
  it('gives exact nearest-rank percentiles when it holds few values', () => {
    const d = createDigest();
    for (const v of [5, 1, 4, 2, 3]) addDuration(d, v);
    expect([quantile(d, 0.5), quantile(d, 0.95), quantile(d, 0.99)]).toEqual([3, 5, 5]);
    expect(d).toMatchObject({ count: 5, sum: 15, min: 1, max: 5 });
  });

  it('stays within 1% and small when it holds a hundred thousand values', () => {
    const d = createDigest();
    const values = Array.from({ length: 100_000 }, (_, i) => 0.05 + ((i * 7919) % 100_000) / 1_000);
    for (const v of values) addDuration(d, v);
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0.5, 0.95, 0.99]) {
      const truth = sorted[Math.ceil(q * values.length) - 1] as number;
      expect(Math.abs((quantile(d, q) as number) - truth) / truth).toBeLessThan(0.01);
    }
    expect(d.exact).toBeUndefined();
    expect(Object.keys(d.bins ?? {}).length).toBeLessThan(400);
    expect(JSON.stringify(d).length).toBeLessThan(8_000);
  });

  it('merges exact digests exactly and mixed ones into bins', () => {
    const a = createDigest();
    const b = createDigest();
    for (let i = 1; i <= 10; i++) addDuration(a, i);
    for (let i = 11; i <= 20; i++) addDuration(b, i);
    expect(quantile(mergeDigests([a, b]), 0.5)).toBe(10);
    const big = createDigest();
    for (let i = 0; i <= EXACT_LIMIT; i++) addDuration(big, 100);
    const merged = mergeDigests([a, big]);
    expect(merged.exact).toBeUndefined();
    expect(merged.count).toBe(10 + EXACT_LIMIT + 1);
    expect(quantile(merged, 0.99)).toBeCloseTo(100, 0);
  });
});

describe('task buckets', () => {
  it('folds task names past the cap into one entry when a log is full of odd names', () => {
    const bucket: TaskBucket = {};
    for (let i = 0; i < MAX_TASKS_PER_BUCKET + 50; i++) applyEvent(bucket, { kind: 'received', task: `t${i}`, id: String(i) });
    expect(Object.keys(bucket)).toHaveLength(MAX_TASKS_PER_BUCKET + 1);
    expect(bucket[OTHER_TASKS]?.received).toBe(50);
  });
});

describe('sample plan', () => {
  it('reads a queue whole from the right when it fits the budget', () => {
    expect(planSample([11, 0, 0, 4], 200)).toEqual([{ head: 0, tail: 11 }, { head: 0, tail: 0 }, { head: 0, tail: 0 }, { head: 0, tail: 4 }]);
  });

  it('splits the budget by list length and reads both ends when the queue is bigger', () => {
    const plan = planSample([100_000, 0, 0, 10_000], 200);
    expect(plan).toEqual([{ head: 91, tail: 91 }, { head: 0, tail: 0 }, { head: 0, tail: 0 }, { head: 9, tail: 9 }]);
    expect(plan.reduce((n, p) => n + p.head + p.tail, 0)).toBe(200);
  });

  it('still reads the last message of a tiny list next to a huge one', () => {
    const plan = planSample([1_000_000, 1], 10);
    expect(plan[1]).toEqual({ head: 0, tail: 1 });
  });
});
