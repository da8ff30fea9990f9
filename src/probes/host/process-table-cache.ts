import type { ProcessTable } from './processes.js';

export interface CachedProcessTable {
  table: ProcessTable;
  /** Epoch ms (the probe clock) when the table was read. */
  collectedAt: number;
}

export interface ProcessTableCache {
  /** The last table if it is younger than the refresh interval at `now` (epoch ms), else a fresh one. */
  read(now: number): Promise<CachedProcessTable>;
}

/**
 * Reading the process table spawns `ps` and stats every process (~20 ms of CPU, the largest part of a host
 * reading), while the top lists it feeds are looked at by people, not rules, so one read a minute is enough.
 * Overlapping calls share one read.
 */
export function createProcessTableCache(readTable: () => Promise<ProcessTable>, refreshMs: number): ProcessTableCache {
  let cached: CachedProcessTable | undefined;
  let pending: Promise<CachedProcessTable> | undefined;
  return {
    read(now) {
      // A clock that went backwards (the wall clock was stepped) gives no usable age: read again.
      if (cached && now >= cached.collectedAt && now - cached.collectedAt < refreshMs) return Promise.resolve(cached);
      pending ??= readTable()
        .then((table) => {
          const entry = { table, collectedAt: now };
          // An empty table means `ps` failed this time (see countProcesses): try again next round rather than
          // show no processes for a whole interval.
          if (table.all > 0) cached = entry;
          return entry;
        })
        .finally(() => {
          pending = undefined;
        });
      return pending;
    },
  };
}
