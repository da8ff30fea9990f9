/**
 * Run times of one task in one hour, in bounded space: the exact values while there are few (so small windows give
 * exact percentiles), then a log-scale histogram with 1% relative accuracy (DDSketch's mapping), whose size depends
 * on the spread of values, not their number. Seconds. Plain JSON, so it goes to the store as is.
 */
export interface DurationDigest {
  count: number;
  sum: number;
  min: number;
  max: number;
  /** The values themselves, while count ≤ EXACT_LIMIT. */
  exact?: number[] | undefined;
  /** Histogram bin index → count, once the values outgrow `exact`. */
  bins?: Record<string, number> | undefined;
}

/** Values kept exactly per digest; past it a digest holds at most a few hundred bins (1 µs to days at 1%). */
export const EXACT_LIMIT = 64;
const ACCURACY = 0.01;
const GAMMA = (1 + ACCURACY) / (1 - ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);
/** Celery reports runs of a few µs ("succeeded in 7.2e-05s"); anything shorter shares the lowest bin. */
const SMALLEST = 1e-6;

export function createDigest(): DurationDigest {
  return { count: 0, sum: 0, min: Number.POSITIVE_INFINITY, max: 0, exact: [] };
}

export function addDuration(digest: DurationDigest, seconds: number): void {
  const value = Math.max(0, seconds);
  digest.count++;
  digest.sum += value;
  digest.min = Math.min(digest.min, value);
  digest.max = Math.max(digest.max, value);
  if (digest.exact && digest.exact.length < EXACT_LIMIT) {
    digest.exact.push(value);
    return;
  }
  toBins(digest);
  addToBins(digest.bins ?? {}, value, 1);
}

/** One digest for many (e.g. every hour of a window); exact when all are exact and together fit `exactLimit`. */
export function mergeDigests(digests: readonly DurationDigest[], exactLimit = 4_096): DurationDigest {
  const out = createDigest();
  const allExact = digests.every((d) => d.exact !== undefined);
  const total = digests.reduce((n, d) => n + d.count, 0);
  if (!allExact || total > exactLimit) out.exact = undefined;
  for (const d of digests) {
    if (d.count === 0) continue;
    out.count += d.count;
    out.sum += d.sum;
    out.min = Math.min(out.min, d.min);
    out.max = Math.max(out.max, d.max);
    if (out.exact) {
      out.exact.push(...(d.exact ?? []));
      continue;
    }
    const bins = (out.bins ??= {});
    if (d.exact) for (const v of d.exact) addToBins(bins, v, 1);
    for (const [index, n] of Object.entries(d.bins ?? {})) bins[index] = (bins[index] ?? 0) + n;
  }
  return out;
}

/**
 * The q-quantile (0 < q ≤ 1) by nearest rank: the smallest value with at least q of the runs at or below it.
 * Exact from exact values; from bins, within 1% of the true value. Null when there are no runs.
 */
export function quantile(digest: DurationDigest, q: number): number | null {
  if (digest.count === 0) return null;
  const rank = Math.max(1, Math.ceil(q * digest.count));
  if (digest.exact) return [...digest.exact].sort((a, b) => a - b)[rank - 1] ?? null;
  const bins = Object.entries(digest.bins ?? {})
    .map(([index, n]) => [Number(index), n] as const)
    .sort((a, b) => a[0] - b[0]);
  let seen = 0;
  for (const [index, n] of bins) {
    seen += n;
    if (seen >= rank) return clamp((2 * GAMMA ** index) / (GAMMA + 1), digest.min, digest.max);
  }
  return digest.max;
}

function toBins(digest: DurationDigest): void {
  if (!digest.exact) return;
  const bins: Record<string, number> = digest.bins ?? {};
  for (const v of digest.exact) addToBins(bins, v, 1);
  digest.exact = undefined;
  digest.bins = bins;
}

function addToBins(bins: Record<string, number>, value: number, n: number): void {
  const index = String(Math.ceil(Math.log(Math.max(value, SMALLEST)) / LOG_GAMMA));
  bins[index] = (bins[index] ?? 0) + n;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
