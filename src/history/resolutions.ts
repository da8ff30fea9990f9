import type { Resolution } from '../store/store.js';

/** Width of one bucket, in ms. */
export const RESOLUTION_MS = { minute: 60_000, hour: 3_600_000 } as const satisfies Record<Resolution, number>;

/** Finest first: range() walks this order to pick the finest resolution that still has the data. */
export const RESOLUTIONS: readonly Resolution[] = ['minute', 'hour'];

/** Start of the bucket containing `at`. Buckets align to the epoch, so every instance agrees on them. */
export function bucketStartOf(at: number, resolution: Resolution): number {
  const width = RESOLUTION_MS[resolution];
  return Math.floor(at / width) * width;
}
