import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { createDiskIoReader } from '../../src/probes/host/disk-io-reader.js';
import { createNetworkReader } from '../../src/probes/host/network-reader.js';
import { computeDiskRates, parseDiskstats, selectPhysicalDisks } from '../../src/probes/host/proc-diskstats.js';
import { computeInterfaceRates, parseNetDev } from '../../src/probes/host/proc-net-dev.js';
import { createProcessTableCache } from '../../src/probes/host/process-table-cache.js';
import type { ProcessTable } from '../../src/probes/host/processes.js';
import type { SystemFiles } from '../../src/probes/host/system-files.js';
import { parseTaskCounts, readTaskCounts } from '../../src/probes/host/task-counts.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/proc/', import.meta.url));

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

function listing(name: string): Set<string> {
  return new Set(fixture(name).split('\n').filter(Boolean));
}

/** A fake /proc and /sys: `files` maps a path to its text, a directory to its entries one per line. */
function createFakeSystem(files: Record<string, string>): { system: SystemFiles; files: Record<string, string>; advance(ms: number): void } {
  let clock = 1_000;
  const missing = (path: string): Error => Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
  const lookup = (path: string): string => {
    const text = files[path];
    if (text === undefined) throw missing(path);
    return text;
  };
  return {
    files,
    advance: (ms) => {
      clock += ms;
    },
    system: {
      readText: async (path) => lookup(path),
      listDir: async (path) => lookup(path).split('\n').filter(Boolean),
      monotonicNow: () => clock,
    },
  };
}

describe('parseDiskstats', () => {
  it('reads operations and sectors of every device when given this machine’s /proc/diskstats', () => {
    const disks = parseDiskstats(fixture('diskstats-this-machine.txt'));
    expect([...disks.keys()]).toEqual(['loop0', 'loop1', 'loop2', 'loop3', 'loop4', 'loop5', 'loop6', 'loop7', 'vda', 'zram0']);
    expect(disks.get('vda')).toEqual({ readOps: 91171, readSectors: 3725410, writeOps: 75998, writeSectors: 5905984 });
  });

  it('reads the 14-field lines of older kernels and skips malformed lines', () => {
    const disks = parseDiskstats('  11 0 sr0 12 0 96 3 0 0 0 0 0 4 3\n   8 0 sda 1 2\ngarbage\n\n   8 16 sdb x 0 1 0 0 0 0 0 0 0 0\n');
    expect([...disks.keys()]).toEqual(['sr0']);
  });
});

describe('selectPhysicalDisks', () => {
  it('keeps whole disks and skips partitions, loop, ram, zram, device-mapper and md devices', () => {
    const disks = selectPhysicalDisks(parseDiskstats(fixture('diskstats-partitions-after.txt')), listing('sys-block-partitions.txt'));
    expect([...disks.keys()].sort()).toEqual(['nvme0n1', 'sda', 'sdb', 'sr0']);
  });

  it('keeps only vda when given this machine’s devices', () => {
    const disks = selectPhysicalDisks(parseDiskstats(fixture('diskstats-this-machine.txt')), listing('sys-block-this-machine.txt'));
    expect([...disks.keys()]).toEqual(['vda']);
  });

  it('matches a device whose name has a slash when sysfs spells it with !', () => {
    const disks = selectPhysicalDisks(parseDiskstats(' 104 0 cciss/c0d0 1 0 8 0 1 0 8 0 0 0 0\n'), new Set(['cciss!c0d0']));
    expect([...disks.keys()]).toEqual(['cciss/c0d0']);
  });
});

describe('computeDiskRates', () => {
  const hand = (name: string): ReturnType<typeof parseDiskstats> => selectPhysicalDisks(parseDiskstats(fixture(name)), listing('sys-block-partitions.txt'));

  it('counts each I/O once when partitions, LVM, RAID and loop devices move with the disks', () => {
    // sda read 1000 sectors in 10 ops, nvme0n1 wrote 3000 sectors in 30 ops; sdb is new and has no baseline.
    expect(computeDiskRates(hand('diskstats-partitions-before.txt'), hand('diskstats-partitions-after.txt'), 2)).toEqual({
      readBytesPerSecond: (1000 * 512) / 2,
      writeBytesPerSecond: (3000 * 512) / 2,
      readOpsPerSecond: 5,
      writeOpsPerSecond: 15,
    });
  });

  it('reports unknown rates for the round when a disk counter went backwards', () => {
    const rates = computeDiskRates(hand('diskstats-partitions-after.txt'), hand('diskstats-partitions-sda-reset.txt'), 15);
    expect(Object.values(rates)).toEqual([null, null, null, null]);
  });

  it('reports unknown rates when no time passed or no disk was seen twice', () => {
    const disks = hand('diskstats-partitions-after.txt');
    expect(computeDiskRates(disks, disks, 0).readBytesPerSecond).toBeNull();
    expect(computeDiskRates(new Map(), disks, 15).readBytesPerSecond).toBeNull();
  });
});

describe('createDiskIoReader', () => {
  it('reports null rates first, then rates from the known deltas of two readings of this machine', async () => {
    const fake = createFakeSystem({ '/proc/diskstats': fixture('diskstats-this-machine.txt'), '/sys/block': fixture('sys-block-this-machine.txt') });
    const fallback = vi.fn(async () => ({ readBytesPerSecond: 1, writeBytesPerSecond: 1, readOpsPerSecond: 1, writeOpsPerSecond: 1 }));
    const reader = createDiskIoReader(fake.system, fallback);
    expect(await reader.read()).toEqual({ readBytesPerSecond: null, writeBytesPerSecond: null, readOpsPerSecond: null, writeOpsPerSecond: null });
    fake.files['/proc/diskstats'] = fixture('diskstats-this-machine-later.txt');
    fake.advance(2_000);
    // vda: +2048 sectors read in 150 ops, +8192 sectors written in 300 ops; loop0 and zram0 moved too and do not count.
    expect(await reader.read()).toEqual({ readBytesPerSecond: 524_288, writeBytesPerSecond: 2_097_152, readOpsPerSecond: 75, writeOpsPerSecond: 150 });
    expect(fallback).not.toHaveBeenCalled();
  });

  it('recovers on the round after a counter reset', async () => {
    const fake = createFakeSystem({ '/proc/diskstats': fixture('diskstats-partitions-after.txt'), '/sys/block': fixture('sys-block-partitions.txt') });
    const reader = createDiskIoReader(fake.system, async () => expect.unreachable());
    await reader.read();
    fake.files['/proc/diskstats'] = fixture('diskstats-partitions-sda-reset.txt');
    fake.advance(15_000);
    expect((await reader.read()).readBytesPerSecond).toBeNull();
    fake.advance(15_000);
    expect((await reader.read()).readBytesPerSecond).toBe(0);
  });

  it('asks systeminformation instead when /proc/diskstats is unreadable', async () => {
    const fallback = vi.fn(async () => ({ readBytesPerSecond: 1, writeBytesPerSecond: 2, readOpsPerSecond: 3, writeOpsPerSecond: 4 }));
    const reader = createDiskIoReader(createFakeSystem({}).system, fallback);
    expect(await reader.read()).toEqual({ readBytesPerSecond: 1, writeBytesPerSecond: 2, readOpsPerSecond: 3, writeOpsPerSecond: 4 });
    expect(fallback).toHaveBeenCalledOnce();
  });
});

describe('parseNetDev', () => {
  it('reads received and transmitted bytes of every interface when given this machine’s /proc/net/dev', () => {
    const interfaces = parseNetDev(fixture('net-dev-this-machine.txt'));
    expect([...interfaces.keys()]).toEqual(['lo', 'ifb0', 'ifb1', 'eth0']);
    expect(interfaces.get('eth0')).toEqual({ receiveBytes: 300739270, transmitBytes: 768935 });
  });

  it('reads an old kernel’s line when there is no space after the colon', () => {
    expect(parseNetDev(fixture('net-dev-hand-before.txt')).get('eth1')).toEqual({ receiveBytes: 123456789, transmitBytes: 98765432 });
  });
});

describe('computeInterfaceRates', () => {
  it('gives null rates for an interface whose counters went backwards or that is new, and rates for the rest', () => {
    const rates = computeInterfaceRates(parseNetDev(fixture('net-dev-hand-before.txt')), parseNetDev(fixture('net-dev-hand-after.txt')), 2, () => 'up');
    const byName = Object.fromEntries(rates.map((r) => [r.interface, [r.receiveBytesPerSecond, r.transmitBytesPerSecond]]));
    expect(byName).toEqual({
      lo: [50_000, 50_000],
      eth0: [null, null],
      eth1: [500_000, 250_000],
      veth1a2b3c: [10_000, 10_000],
      docker0: [null, null],
    });
  });
});

describe('createNetworkReader', () => {
  const operstates = { '/sys/class/net/eth0/operstate': 'up\n', '/sys/class/net/ifb0/operstate': 'down\n', '/sys/class/net/ifb1/operstate': 'down\n' };

  it('reports rates from the known deltas of two readings of this machine, with each interface’s state, loopback left out', async () => {
    const fake = createFakeSystem({ '/proc/net/dev': fixture('net-dev-this-machine.txt'), ...operstates });
    const reader = createNetworkReader(fake.system, async () => expect.unreachable());
    expect(await reader.read()).toEqual([
      { interface: 'ifb0', state: 'down', receiveBytesPerSecond: null, transmitBytesPerSecond: null },
      { interface: 'ifb1', state: 'down', receiveBytesPerSecond: null, transmitBytesPerSecond: null },
      { interface: 'eth0', state: 'up', receiveBytesPerSecond: null, transmitBytesPerSecond: null },
    ]);
    fake.files['/proc/net/dev'] = fixture('net-dev-this-machine-later.txt');
    fake.advance(2_000);
    const eth0 = (await reader.read()).find((r) => r.interface === 'eth0');
    expect(eth0).toEqual({ interface: 'eth0', state: 'up', receiveBytesPerSecond: 500_000, transmitBytesPerSecond: 125_000 });
  });

  it('leaves veth pairs out and calls a state it cannot read unknown', async () => {
    const fake = createFakeSystem({ '/proc/net/dev': fixture('net-dev-hand-before.txt') });
    const rates = await createNetworkReader(fake.system, async () => expect.unreachable()).read();
    expect(rates.map((r) => [r.interface, r.state])).toEqual([['eth0', 'unknown'], ['eth1', 'unknown']]);
  });

  it('asks systeminformation instead when /proc/net/dev is unreadable', async () => {
    const fromSi = [{ interface: 'en0', state: 'up', receiveBytesPerSecond: 1, transmitBytesPerSecond: 2 }];
    expect(await createNetworkReader(createFakeSystem({}).system, async () => fromSi).read()).toBe(fromSi);
  });
});

describe('task counts', () => {
  it('reads running and total from /proc/loadavg and blocked from /proc/stat', () => {
    expect(parseTaskCounts(fixture('loadavg-busy.txt'), fixture('stat-busy.txt'))).toEqual({ total: 612, running: 4, blocked: 3, sleeping: 605 });
    expect(parseTaskCounts(fixture('loadavg-this-machine.txt'), fixture('stat-this-machine.txt'))).toEqual({ total: 153, running: 1, blocked: 0, sleeping: 152 });
  });

  it('gives null when a file is malformed or missing', async () => {
    expect(parseTaskCounts('0.00 0.00 0.00', fixture('stat-busy.txt'))).toBeNull();
    expect(parseTaskCounts(fixture('loadavg-busy.txt'), 'cpu 1 2 3\n')).toBeNull();
    expect(await readTaskCounts(createFakeSystem({ '/proc/loadavg': fixture('loadavg-busy.txt') }).system)).toBeNull();
  });
});

describe('createProcessTableCache', () => {
  const table = (all: number): ProcessTable => ({ all, running: 0, blocked: 0, sleeping: all, list: [] });

  it('reuses the table within the refresh interval and reads it again after', async () => {
    const readTable = vi.fn(async () => table(100));
    const cache = createProcessTableCache(readTable, 60_000);
    expect((await cache.read(1_000_000)).collectedAt).toBe(1_000_000);
    expect((await cache.read(1_059_999)).collectedAt).toBe(1_000_000);
    expect(readTable).toHaveBeenCalledTimes(1);
    expect((await cache.read(1_060_000)).collectedAt).toBe(1_060_000);
    expect(readTable).toHaveBeenCalledTimes(2);
  });

  it('reads again when the clock went backwards or the last table was empty', async () => {
    const readTable = vi.fn(async () => table(0));
    const cache = createProcessTableCache(readTable, 60_000);
    await cache.read(1_000_000);
    await cache.read(1_000_001);
    expect(readTable).toHaveBeenCalledTimes(2);
    readTable.mockImplementation(async () => table(5));
    await cache.read(1_000_002);
    await cache.read(999_000);
    expect(readTable).toHaveBeenCalledTimes(4);
  });

  it('shares one read between overlapping calls', async () => {
    const readTable = vi.fn(async () => table(100));
    const cache = createProcessTableCache(readTable, 60_000);
    const [a, b] = await Promise.all([cache.read(1), cache.read(2)]);
    expect(a).toBe(b);
    expect(readTable).toHaveBeenCalledTimes(1);
  });
});
