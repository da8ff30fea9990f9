/** What the host probe read, for commands such as `health` and `top`. Byte counts are bytes, rates are per second. */
export interface HostDetail {
  cpu: {
    /** Busy share of all cores since the previous reading, 0–100. */
    percent: number;
    /** Busy share per core, 0–100, index = core number. */
    corePercents: number[];
    cores: number;
  };
  /** Run-queue averages over 1, 5 and 15 minutes (not divided by cores). */
  load: { load1: number; load5: number; load15: number };
  memory: {
    totalBytes: number;
    /** total − available: what applications hold; page cache and reclaimable buffers do not count. */
    usedBytes: number;
    availableBytes: number;
    usedPercent: number;
  };
  swap: {
    totalBytes: number;
    usedBytes: number;
    /** null when the host has no swap, so "no swap" never reads as "0 % used". */
    usedPercent: number | null;
  };
  filesystems: FilesystemUsage[];
  /** Whole-host disk rates; null on the first reading of a process (no baseline yet). */
  diskIo: {
    readBytesPerSecond: number | null;
    writeBytesPerSecond: number | null;
    readOpsPerSecond: number | null;
    writeOpsPerSecond: number | null;
  };
  network: NetworkInterfaceRate[];
  uptimeSeconds: number;
  processes: {
    /** Read every collect; null when neither the kernel counters nor the process table could be read. */
    counts: ProcessCounts | null;
    topByCpu: ProcessSummary[];
    topByMemory: ProcessSummary[];
    /**
     * Epoch ms when the table behind the top lists was read. It is re-read at most every `processRefreshMs`
     * (default 60 s), so it can be older than `collectedAt`; CPU % in it is averaged since the read before.
     */
    processesCollectedAt: number;
  };
  /** Epoch ms. */
  collectedAt: number;
}

export interface FilesystemUsage {
  mount: string;
  /** Device or source, e.g. `/dev/vda1`, `overlay`, `nas:/export`. */
  device: string;
  fsType: string;
  sizeBytes: number;
  usedBytes: number;
  /** What an unprivileged writer can still use (blocks reserved for root are not free). */
  freeBytes: number;
  /** used / (used + free) × 100, as `df` shows it: 100 means writers get ENOSPC. */
  usedPercent: number;
  /** null when the filesystem has no fixed inode table (btrfs, some network filesystems) or statfs failed. */
  inodes: { total: number; used: number; free: number; usedPercent: number } | null;
}

export interface NetworkInterfaceRate {
  interface: string;
  /** Operational state as the kernel reports it: `up`, `down`, `unknown`. */
  state: string;
  receiveBytesPerSecond: number | null;
  transmitBytesPerSecond: number | null;
}

/**
 * On Linux these count kernel tasks (threads, kernel threads included) host-wide, from /proc/loadavg and
 * /proc/stat, as `vmstat` does; `sleeping` is every task neither running nor blocked (also idle and stopped).
 * Elsewhere they count the processes in the process table.
 */
export interface ProcessCounts {
  total: number;
  running: number;
  blocked: number;
  sleeping: number;
}

export interface ProcessSummary {
  pid: number;
  name: string;
  /** Executable and arguments, at most 120 characters, with passwords in arguments masked. */
  command: string;
  /** Share of all cores since the previous reading, 0–100. */
  cpuPercent: number;
  memPercent: number;
  rssBytes: number;
  user: string;
}
