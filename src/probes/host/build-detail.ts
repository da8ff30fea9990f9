import type { FilesystemUsage, HostDetail, NetworkInterfaceRate, ProcessCounts } from './detail.js';
import { toFilesystemUsage, type FsSizeRow } from './filesystems.js';
import { isWatchedInterface } from './network.js';
import { countProcesses, pickTopProcesses, type ProcessTable } from './processes.js';

/** Raw readings from /proc, systeminformation and node:os, already awaited; kept separate so the shaping is testable. */
export interface HostReadings {
  cpu: { currentLoad: number; cpus: ReadonlyArray<{ load: number }> };
  /** os.loadavg(): 1, 5 and 15 minutes. */
  loadAverages: readonly number[];
  mem: { total: number; available: number; swaptotal: number; swapused: number };
  /** Already filtered by selectFilesystems, each with its inode counts. */
  filesystems: ReadonlyArray<{ row: FsSizeRow; inodes: FilesystemUsage['inodes'] }>;
  /** Whole-host disk rates (createDiskIoReader); null before a baseline exists. */
  diskIo: HostDetail['diskIo'];
  /** Every interface read (createNetworkReader), before the watched/down filter. */
  network: readonly NetworkInterfaceRate[];
  /** The process table for the top lists, possibly reused from an earlier collect. */
  processes: ProcessTable;
  /** Epoch ms when `processes` was read. */
  processesCollectedAt: number;
  /** Kernel task counts (readTaskCounts); null where /proc is not there, and the table is counted instead. */
  taskCounts: ProcessCounts | null;
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
      readBytesPerSecond: toRate(readings.diskIo.readBytesPerSecond),
      writeBytesPerSecond: toRate(readings.diskIo.writeBytesPerSecond),
      readOpsPerSecond: toRate(readings.diskIo.readOpsPerSecond),
      writeOpsPerSecond: toRate(readings.diskIo.writeOpsPerSecond),
    },
    network: selectInterfaces(readings.network),
    uptimeSeconds: readings.uptimeSeconds,
    processes: {
      counts: readings.taskCounts ?? countProcesses(readings.processes),
      ...pickTopProcesses(readings.processes.list, topProcesses),
      processesCollectedAt: readings.processesCollectedAt,
    },
    collectedAt: readings.collectedAt,
  };
}

/** A down interface moves nothing; leaving it out also drops never-up virtual ones (ifb, dummy) from history. */
function selectInterfaces(stats: HostReadings['network']): NetworkInterfaceRate[] {
  return stats
    .filter((s) => isWatchedInterface(s.interface) && s.state !== 'down')
    .map((s) => ({
      ...s,
      receiveBytesPerSecond: toRate(s.receiveBytesPerSecond),
      transmitBytesPerSecond: toRate(s.transmitBytesPerSecond),
    }))
    .sort((a, b) => a.interface.localeCompare(b.interface));
}

/** A negative rate means a counter reset (device removed, driver reloaded): unknown, not negative traffic. */
function toRate(value: number | null): number | null {
  if (value === null || !Number.isFinite(value) || value < 0) return null;
  return value;
}

function clampPercent(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, value));
}
