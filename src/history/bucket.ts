import type { MetricPoint } from '../store/store.js';

/** An aggregate being filled; the sum (not the average) is kept so more samples can be folded in exactly. */
export interface Bucket {
  start: number;
  sum: number;
  min: number;
  max: number;
  count: number;
}

export function createBucket(start: number): Bucket {
  return { start, sum: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, count: 0 };
}

export function addToBucket(bucket: Bucket, value: number): void {
  bucket.sum += value;
  bucket.count += 1;
  if (value < bucket.min) bucket.min = value;
  if (value > bucket.max) bucket.max = value;
}

/** Reopens a persisted point, so samples after a restart add to it instead of overwriting it. */
export function bucketFromPoint(point: MetricPoint): Bucket {
  return { start: point.at, sum: point.avg * point.count, min: point.min, max: point.max, count: point.count };
}

export function bucketToPoint(series: string, bucket: Bucket): MetricPoint {
  return {
    series,
    at: bucket.start,
    avg: bucket.sum / bucket.count,
    min: bucket.min,
    max: bucket.max,
    count: bucket.count,
  };
}
