import type { FilesystemUsage, HostDetail, NetworkInterfaceRate } from './detail.js';
import { toFilesystemUsage, type FsSizeRow } from './filesystems.js';
import { isWatchedInterface } from './network.js';
import { countProcesses, pickTopProcesses, type ProcessTable } from './processes.js';

/** Raw readings from systeminformation and node:os, already awaited; kept separate so the shaping is testable. */
export interface HostReadings {
  cpu: { currentLoad: number; cpus: ReadonlyArray<{ load: number }> };
  /** os.loadavg(): 1, 5 and 15 minutes. */
  loadAverages: readonly number[];
  mem: { total: number; available: number; swaptotal: number; swapused: number };
  /** Already filtered by selectFilesystems, each with its inode counts. */
  filesystems: ReadonlyArray<{ row: FsSizeRow; inodes: FilesystemUsage['inodes'] }>;
  /** si.fsStats(); null where it is unsupported. */
  fsStats: { rx_sec: number | null; wx_sec: number | null } | null;
  /** si.disksIO(); null where it is unsupported. */
  disksIO: { rIO_sec: number | null; wIO_sec: number | null } | null;
  /** si.networkStats(); its typings say number but the rates are null before a baseline exists. */
  network: ReadonlyArray<{ iface: string; operstate: string; rx_sec: number | null; tx_sec: number | null }>;
  processes: ProcessTable;
  uptimeSeconds: number;
  collectedAt: number;
}

export function buildHostDetail(readings: HostReadings, topProcesses: number): HostDetail {
  const { mem } = readings;
  const usedBytes = Math.max(0, mem.total - mem.available);
  return {
    cpu: {
      percent: clampPercent(readings.cpu.currentLoad),
      corePercents: readings.cpu.cpus.map((core) => clampPercent(core.load)),
      cores: readings.cpu.cpus.length,
    },
    load: {
      load1: readings.loadAverages[0] ?? 0,
      load5: readings.loadAverages[1] ?? 0,
      load15: readings.loadAverages[2] ?? 0,
    },
    memory: {
      totalBytes: mem.total,
      usedBytes,
      availableBytes: mem.available,
      usedPercent: mem.total > 0 ? (usedBytes / mem.total) * 100 : 0,
    },
    swap: {
      totalBytes: mem.swaptotal,
      usedBytes: mem.swapused,
      usedPercent: mem.swaptotal > 0 ? (mem.swapused / mem.swaptotal) * 100 : null,
    },
    filesystems: readings.filesystems.map(({ row, inodes }) => toFilesystemUsage(row, inodes)),
    diskIo: {
      readBytesPerSecond: toRate(readings.fsStats?.rx_sec),
      writeBytesPerSecond: toRate(readings.fsStats?.wx_sec),
      readOpsPerSecond: toRate(readings.disksIO?.rIO_sec),
      writeOpsPerSecond: toRate(readings.disksIO?.wIO_sec),
    },
    network: selectInterfaces(readings.network),
    uptimeSeconds: readings.uptimeSeconds,
    processes: { counts: countProcesses(readings.processes), ...pickTopProcesses(readings.processes.list, topProcesses) },
    collectedAt: readings.collectedAt,
  };
}

/** A down interface moves nothing; leaving it out also drops never-up virtual ones (ifb, dummy) from history. */
function selectInterfaces(stats: HostReadings['network']): NetworkInterfaceRate[] {
  return stats
    .filter((s) => isWatchedInterface(s.iface) && s.operstate !== 'down')
    .map((s) => ({
      interface: s.iface,
      state: s.operstate,
      receiveBytesPerSecond: toRate(s.rx_sec),
      transmitBytesPerSecond: toRate(s.tx_sec),
    }))
    .sort((a, b) => a.interface.localeCompare(b.interface));
}

/** A negative rate means a counter reset (device removed, driver reloaded): unknown, not negative traffic. */
function toRate(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value) || value < 0) return null;
  return value;
}

function clampPercent(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, value));
}
