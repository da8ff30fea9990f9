/**
 * How long pg_stat_statements snapshots are kept: one per fine step for the recent past (hour-by-hour regressions),
 * one per coarse step after that (the weekly and monthly audits), nothing past the coarse horizon. Milliseconds.
 */
export interface RetentionPolicy {
  /** Default 1 h. */
  fineStepMs: number;
  /** Default 48 h. */
  fineKeepMs: number;
  /** Default 1 day. */
  coarseStepMs: number;
  /** Default 35 days: a monthly audit of the last 30 days still finds a snapshot at its start. */
  coarseKeepMs: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  fineStepMs: 3_600_000,
  fineKeepMs: 48 * 3_600_000,
  coarseStepMs: 86_400_000,
  coarseKeepMs: 35 * 86_400_000,
};

/**
 * Splits snapshots into those to keep and those to drop. The first snapshot of each step is kept, so a snapshot
 * that was used as a window's start stays where it was when the audit is run again.
 */
export function selectRetained<T extends { at: number }>(
  snapshots: readonly T[],
  now: number,
  policy: RetentionPolicy = DEFAULT_RETENTION,
): { keep: T[]; drop: T[] } {
  const keep: T[] = [];
  const drop: T[] = [];
  const seen = new Set<string>();
  for (const snapshot of [...snapshots].sort((a, b) => a.at - b.at)) {
    const bucket = bucketOf(snapshot.at, now, policy);
    if (bucket === undefined || seen.has(bucket)) drop.push(snapshot);
    else {
      seen.add(bucket);
      keep.push(snapshot);
    }
  }
  return { keep, drop };
}

/** The step a snapshot falls in, or undefined when it is past the coarse horizon. */
export function bucketOf(at: number, now: number, policy: RetentionPolicy = DEFAULT_RETENTION): string | undefined {
  const age = now - at;
  if (age <= policy.fineKeepMs) return `fine:${Math.floor(at / policy.fineStepMs)}`;
  if (age <= policy.coarseKeepMs) return `coarse:${Math.floor(at / policy.coarseStepMs)}`;
  return undefined;
}
