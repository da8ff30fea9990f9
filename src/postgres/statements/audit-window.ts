import type { SnapshotMeta } from './snapshot-store.js';

export interface WindowChoice {
  /** The snapshot the window starts at; undefined when none is old enough (the audit then covers "since reset"). */
  base: SnapshotMeta | undefined;
  /** The snapshot the previous window of about the same length starts at, for regressions. */
  previous: SnapshotMeta | undefined;
}

/**
 * Picks the snapshot nearest to `now - lengthMs` as the window's start. A snapshot that would cover less than half
 * the requested length is not "old enough": a 20-minute window labelled "24 h" would mislead more than an honest
 * "since the statistics were reset". The previous window ends where this one starts and must be 0.5–1.5× as long.
 */
export function chooseWindow(snapshots: readonly SnapshotMeta[], now: number, lengthMs: number, dbid: number): WindowChoice {
  const usable = snapshots.filter((s) => s.at < now && s.dbid === dbid);
  const base = nearest(usable, now - lengthMs);
  if (base === undefined || now - base.at < lengthMs / 2) return { base: undefined, previous: undefined };
  const actual = now - base.at;
  const previous = nearest(
    usable.filter((s) => s.at < base.at),
    base.at - actual,
  );
  const previousLength = previous === undefined ? 0 : base.at - previous.at;
  const comparable = previousLength >= actual / 2 && previousLength <= actual * 1.5;
  return { base, previous: comparable ? previous : undefined };
}

function nearest(snapshots: readonly SnapshotMeta[], target: number): SnapshotMeta | undefined {
  let best: SnapshotMeta | undefined;
  for (const s of snapshots) if (best === undefined || Math.abs(s.at - target) < Math.abs(best.at - target)) best = s;
  return best;
}
