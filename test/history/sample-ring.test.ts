import { describe, expect, it } from 'vitest';
import { createSampleRing } from '../../src/history/sample-ring.js';

describe('createSampleRing', () => {
  it('returns nothing when empty', () => {
    const ring = createSampleRing(3);
    expect(ring.latest()).toBeUndefined();
    expect(ring.oldestAt()).toBeUndefined();
    expect(ring.between(0, 100)).toEqual([]);
  });

  it('keeps only the newest capacity samples, oldest first, when it wraps around', () => {
    const ring = createSampleRing(3);
    for (let i = 1; i <= 7; i += 1) ring.push(i * 10, i);
    expect(ring.size).toBe(3);
    expect(ring.oldestAt()).toBe(50);
    expect(ring.latest()).toEqual({ at: 70, value: 7 });
    expect(ring.between(0, 1_000)).toEqual([
      [50, 5],
      [60, 6],
      [70, 7],
    ]);
  });

  it('returns the samples in the inclusive range when between is given bounds', () => {
    const ring = createSampleRing(10);
    for (let i = 1; i <= 5; i += 1) ring.push(i * 10, i);
    expect(ring.between(20, 40)).toEqual([
      [20, 2],
      [30, 3],
      [40, 4],
    ]);
  });

  it('throws when the capacity is not a positive integer', () => {
    expect(() => createSampleRing(0)).toThrow(RangeError);
    expect(() => createSampleRing(1.5)).toThrow(RangeError);
  });
});
