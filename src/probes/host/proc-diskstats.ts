import type { HostDetail } from './detail.js';

/** Cumulative counters of one block device since boot, as /proc/diskstats gives them. */
export interface DiskCounters {
  readOps: number;
  readSectors: number;
  writeOps: number;
  writeSectors: number;
}

export type DiskIoRates = HostDetail['diskIo'];

/** The kernel counts /proc/diskstats sectors in 512-byte units whatever the device's own sector size. */
const SECTOR_BYTES = 512;

export const UNKNOWN_DISK_RATES: DiskIoRates = Object.freeze({
  readBytesPerSecond: null,
  writeBytesPerSecond: null,
  readOpsPerSecond: null,
  writeOpsPerSecond: null,
});

/**
 * Devices that are whole disks in /sys/block but whose I/O is not physical disk I/O of its own: loop (a file on
 * another disk), dm-* (LVM, LUKS, multipath) and md* (software RAID) and zd* (ZFS zvols) sit on top of real disks
 * whose counters already include their I/O, so adding them counts it twice; ram* and zram* are memory.
 */
const STACKED_OR_MEMORY = /^(?:loop|ram|zram|md|zd)\d|^dm-\d/;

/**
 * Parses /proc/diskstats: `major minor name reads merged sectors ms writes merged sectors ms …`. A line with
 * too few or non-numeric fields is skipped rather than failing the whole reading.
 */
export function parseDiskstats(text: string): Map<string, DiskCounters> {
  const disks = new Map<string, DiskCounters>();
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const name = fields[2];
    // A missing field reads as NaN, so a short line fails the same check as a garbled one.
    const numbers = [fields[3], fields[5], fields[7], fields[9]].map(Number);
    if (name === undefined || !numbers.every(Number.isFinite)) continue;
    const [readOps = 0, readSectors = 0, writeOps = 0, writeSectors = 0] = numbers;
    disks.set(name, { readOps, readSectors, writeOps, writeSectors });
  }
  return disks;
}

/**
 * Keeps whole physical disks: one I/O is then counted exactly once. Partitions repeat their disk's I/O and are
 * not in /sys/block (`sysBlockNames`, a listing of it); stacked and memory devices are dropped by name (see
 * STACKED_OR_MEMORY). sysfs spells a `/` in a device name (`cciss/c0d0`) as `!`.
 */
export function selectPhysicalDisks(disks: ReadonlyMap<string, DiskCounters>, sysBlockNames: ReadonlySet<string>): Map<string, DiskCounters> {
  const kept = new Map<string, DiskCounters>();
  for (const [name, counters] of disks) {
    if (sysBlockNames.has(name.replaceAll('/', '!')) && !STACKED_OR_MEMORY.test(name)) kept.set(name, counters);
  }
  return kept;
}

/**
 * Whole-host rates between two readings of the same disks, `seconds` apart. A disk seen only once (just
 * attached) has no baseline and is left out. Any counter going backwards (device re-attached, 32-bit wrap) makes
 * the whole round unknown: the sum would otherwise be too low or negative.
 */
export function computeDiskRates(
  previous: ReadonlyMap<string, DiskCounters>,
  current: ReadonlyMap<string, DiskCounters>,
  seconds: number,
): DiskIoRates {
  if (!(seconds > 0)) return UNKNOWN_DISK_RATES;
  const total: DiskCounters = { readOps: 0, readSectors: 0, writeOps: 0, writeSectors: 0 };
  let measured = 0;
  for (const [name, now] of current) {
    const before = previous.get(name);
    if (!before) continue;
    const delta = {
      readOps: now.readOps - before.readOps,
      readSectors: now.readSectors - before.readSectors,
      writeOps: now.writeOps - before.writeOps,
      writeSectors: now.writeSectors - before.writeSectors,
    };
    if (Object.values(delta).some((value) => value < 0)) return UNKNOWN_DISK_RATES;
    total.readOps += delta.readOps;
    total.readSectors += delta.readSectors;
    total.writeOps += delta.writeOps;
    total.writeSectors += delta.writeSectors;
    measured += 1;
  }
  if (measured === 0) return UNKNOWN_DISK_RATES;
  return {
    readBytesPerSecond: (total.readSectors * SECTOR_BYTES) / seconds,
    writeBytesPerSecond: (total.writeSectors * SECTOR_BYTES) / seconds,
    readOpsPerSecond: total.readOps / seconds,
    writeOpsPerSecond: total.writeOps / seconds,
  };
}
