import { statfs } from 'node:fs/promises';
import type { FilesystemUsage } from './detail.js';

/** The fields of a `systeminformation.fsSize()` row this probe uses. */
export interface FsSizeRow {
  fs: string;
  type: string;
  size: number;
  used: number;
  available: number;
  use: number;
  mount: string;
}

/**
 * Kernel and memory-backed filesystems are skipped: their "usage" is RAM or a fixed image, so a disk-full rule
 * on them only makes noise (squashfs snap images are always 100 % full). overlay is kept because in a container
 * `/` is overlay and it is the real disk the bot and the platform write to.
 */
const PSEUDO_FS_TYPES: ReadonlySet<string> = new Set([
  'proc', 'sysfs', 'tmpfs', 'devtmpfs', 'squashfs', 'ramfs', 'devpts', 'cgroup', 'cgroup2', 'mqueue', 'debugfs',
  'tracefs', 'securityfs', 'pstore', 'bpf', 'configfs', 'fusectl', 'hugetlbfs', 'autofs', 'binfmt_misc', 'nsfs',
  'efivarfs', 'rpc_pipefs', 'nfsd', 'selinuxfs',
]);

/**
 * Keeps one row per real filesystem. The same storage mounted twice (bind mounts, Docker's per-container overlay
 * mounts on one backing disk, btrfs subvolumes) shows the same source and size; reporting it once keeps one series
 * per disk, and the shortest mount path wins so `/` stays `/` rather than `/etc/hosts`.
 */
export function selectFilesystems(rows: readonly FsSizeRow[]): FsSizeRow[] {
  const kept = new Map<string, FsSizeRow>();
  const byMountLength = rows
    .filter((row) => row.size > 0 && !PSEUDO_FS_TYPES.has(row.type))
    .sort((a, b) => a.mount.length - b.mount.length || a.mount.localeCompare(b.mount));
  for (const row of byMountLength) {
    const key = `${row.fs}\0${row.size}`;
    if (!kept.has(key)) kept.set(key, row);
  }
  return [...kept.values()].sort((a, b) => a.mount.localeCompare(b.mount));
}

/** Inode counts for a mount; null when the filesystem has no inode table (files = 0) or statfs fails. */
export async function readInodes(mount: string, signal: AbortSignal): Promise<FilesystemUsage['inodes']> {
  try {
    // A hung network mount can block statfs for minutes; stop waiting on abort instead of holding the probe.
    const stats = await raceAbort(statfs(mount), signal);
    if (stats.files <= 0) return null;
    const used = stats.files - stats.ffree;
    return { total: stats.files, used, free: stats.ffree, usedPercent: (used / stats.files) * 100 };
  } catch (error) {
    if (signal.aborted) throw error;
    return null;
  }
}

export function toFilesystemUsage(row: FsSizeRow, inodes: FilesystemUsage['inodes']): FilesystemUsage {
  return {
    mount: row.mount,
    device: row.fs,
    fsType: row.type,
    sizeBytes: row.size,
    usedBytes: row.used,
    freeBytes: row.available,
    // df's formula divides by used + available, which is 0 on some empty virtual filesystems.
    usedPercent: Number.isFinite(row.use) ? row.use : 0,
    inodes,
  };
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Mounted filesystems worth watching, with inode counts, read concurrently. */
export async function readFilesystems(
  listFilesystems: () => Promise<FsSizeRow[]>,
  signal: AbortSignal,
): Promise<Array<{ row: FsSizeRow; inodes: FilesystemUsage['inodes'] }>> {
  const rows = selectFilesystems(await listFilesystems());
  return Promise.all(rows.map(async (row) => ({ row, inodes: await readInodes(row.mount, signal) })));
}
