import type { ProcessCounts } from './detail.js';
import { liveSystemFiles, type SystemFiles } from './system-files.js';

/**
 * Task counts from the kernel's own counters: `running/total` is field 4 of /proc/loadavg, `procs_blocked` a
 * line of /proc/stat. null when either is missing or malformed.
 */
export function parseTaskCounts(loadavg: string, stat: string): ProcessCounts | null {
  const tasks = /^\S+\s+\S+\s+\S+\s+(\d+)\/(\d+)/.exec(loadavg.trim());
  const blockedLine = /^procs_blocked\s+(\d+)\s*$/m.exec(stat);
  const [running = NaN, total = NaN, blocked = NaN] = [tasks?.[1], tasks?.[2], blockedLine?.[1]].map(Number);
  if (![running, total, blocked].every(Number.isFinite)) return null;
  return { total, running, blocked, sleeping: Math.max(0, total - running - blocked) };
}

/**
 * Read every round because they cost two small file reads, unlike the process table (see
 * process-table-cache.ts): running and blocked are instantaneous, and a minute-old copy would hide the short
 * I/O stalls `blocked` is there to show. They are the same counts load average is averaged from (and
 * `vmstat`'s r and b, node_exporter's node_procs_*). null where /proc is not there; the caller then counts
 * the process table.
 */
export async function readTaskCounts(files: SystemFiles = liveSystemFiles): Promise<ProcessCounts | null> {
  try {
    const [loadavg, stat] = await Promise.all([files.readText('/proc/loadavg'), files.readText('/proc/stat')]);
    return parseTaskCounts(loadavg, stat);
  } catch {
    return null;
  }
}
