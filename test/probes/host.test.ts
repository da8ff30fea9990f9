import os from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/log.js';
import { createHostProbe, type HostDetail } from '../../src/probes/host.js';
import { buildHostDetail, type HostReadings } from '../../src/probes/host/build-detail.js';
import { selectFilesystems, type FsSizeRow } from '../../src/probes/host/filesystems.js';
import { pickTopProcesses, shortenCommand, type ProcessRow } from '../../src/probes/host/processes.js';
import { buildHostSamples } from '../../src/probes/host/samples.js';
import type { ProbeContext, ProbeResult, Sample } from '../../src/probes/probe.js';

function createContext(signal: AbortSignal = new AbortController().signal, now: () => number = () => Date.now()): ProbeContext {
  return { now, log: createSilentLogger(), signal };
}

function metricsOf(samples: readonly Sample[]): Set<string> {
  return new Set(samples.map((s) => s.metric));
}

const RATE_METRICS = [
  'host_disk_read_bytes_per_second',
  'host_disk_write_bytes_per_second',
  'host_disk_read_ops_per_second',
  'host_disk_write_ops_per_second',
];

describe('host probe on this machine', () => {
  let result: ProbeResult<HostDetail>;
  let everyProcess: ProbeResult<HostDetail>;

  beforeAll(async () => {
    const probe = createHostProbe();
    await probe.prime();
    result = await probe.collect(createContext());
    everyProcess = await createHostProbe({ topProcesses: 100_000 }).collect(createContext());
  }, 10_000);

  it('reports CPU within 0–100 % with one value per core when primed', () => {
    const { cpu } = result.detail;
    expect(cpu.percent).toBeGreaterThanOrEqual(0);
    expect(cpu.percent).toBeLessThanOrEqual(100);
    expect(cpu.cores).toBe(os.cpus().length);
    expect(cpu.corePercents).toHaveLength(os.cpus().length);
    for (const percent of cpu.corePercents) expect(percent).toBeGreaterThanOrEqual(0);
    for (const percent of cpu.corePercents) expect(percent).toBeLessThanOrEqual(100);
  });

  it('reports non-negative load and positive uptime', () => {
    const { load, uptimeSeconds } = result.detail;
    expect(Math.min(load.load1, load.load5, load.load15)).toBeGreaterThanOrEqual(0);
    expect(uptimeSeconds).toBeGreaterThan(0);
  });

  it('reports memory used as total minus available', () => {
    const { memory, swap } = result.detail;
    expect(memory.totalBytes).toBeGreaterThan(0);
    expect(memory.usedBytes).toBeLessThanOrEqual(memory.totalBytes);
    expect(memory.usedBytes + memory.availableBytes).toBe(memory.totalBytes);
    expect(memory.usedPercent).toBeGreaterThan(0);
    expect(memory.usedPercent).toBeLessThanOrEqual(100);
    expect(swap.usedBytes).toBeLessThanOrEqual(swap.totalBytes);
    expect(swap.usedPercent === null).toBe(swap.totalBytes === 0);
  });

  it('lists the root filesystem with usage and inodes within bounds', () => {
    const root = result.detail.filesystems.find((fs) => fs.mount === '/');
    expect(root).toBeDefined();
    for (const fs of result.detail.filesystems) {
      expect(fs.usedPercent).toBeGreaterThanOrEqual(0);
      expect(fs.usedPercent).toBeLessThanOrEqual(100);
      expect(fs.freeBytes).toBeLessThanOrEqual(fs.sizeBytes);
      expect(['proc', 'sysfs', 'tmpfs', 'devtmpfs', 'squashfs']).not.toContain(fs.fsType);
      if (fs.inodes) expect(fs.inodes.used + fs.inodes.free).toBe(fs.inodes.total);
    }
  });

  it('reports disk and network rates when collected after priming', () => {
    const { diskIo, network } = result.detail;
    for (const rate of Object.values(diskIo)) expect(rate).toBeGreaterThanOrEqual(0);
    expect(network.map((n) => n.interface)).not.toContain('lo');
    for (const net of network) {
      expect(net.receiveBytesPerSecond).toBeGreaterThanOrEqual(0);
      expect(net.transmitBytesPerSecond).toBeGreaterThanOrEqual(0);
    }
    const metrics = metricsOf(result.samples);
    for (const metric of RATE_METRICS) expect(metrics).toContain(metric);
    if (network.length > 0) expect(metrics).toContain('host_network_receive_bytes_per_second');
  });

  it('counts processes and lists at most 8 by CPU and by memory by default', () => {
    const { counts, topByCpu, topByMemory, processesCollectedAt } = result.detail.processes;
    expect(counts?.total).toBeGreaterThanOrEqual(1);
    expect(counts && counts.running + counts.blocked + counts.sleeping).toBe(counts?.total);
    expect(processesCollectedAt).toBeLessThanOrEqual(result.detail.collectedAt);
    expect(topByCpu.length).toBeGreaterThan(0);
    expect(topByCpu.length).toBeLessThanOrEqual(8);
    expect(topByMemory.length).toBeLessThanOrEqual(8);
    for (const p of [...topByCpu, ...topByMemory]) expect(p.command.length).toBeLessThanOrEqual(120);
    const rss = topByMemory.map((p) => p.rssBytes);
    expect(rss).toEqual([...rss].sort((a, b) => b - a));
  });

  it('includes this test process with its memory when the top list is long enough to hold every process', () => {
    const self = everyProcess.detail.processes.topByMemory.find((p) => p.pid === process.pid);
    expect(self).toBeDefined();
    expect(self?.rssBytes).toBeGreaterThan(1024 * 1024);
  });

  it('emits the specified metric names with bounded labels', () => {
    const cores = String(os.cpus().length);
    const metrics = metricsOf(result.samples);
    for (const metric of [
      'host_cpu_percent', 'host_cpu_core_percent', 'host_load1', 'host_load5', 'host_load15', 'host_cpu_cores',
      'host_memory_total_bytes', 'host_memory_used_bytes', 'host_memory_available_bytes', 'host_memory_used_percent',
      'host_swap_total_bytes', 'host_swap_used_bytes', 'host_filesystem_size_bytes', 'host_filesystem_free_bytes',
      'host_filesystem_used_percent', 'host_uptime_seconds', 'host_processes',
    ]) {
      expect(metrics, metric).toContain(metric);
    }
    const labelKeys = (metric: string): string[] => [...new Set(result.samples.filter((s) => s.metric === metric).map((s) => Object.keys(s.labels).sort().join(',')))];
    expect(labelKeys('host_cpu_percent')).toEqual(['']);
    expect(labelKeys('host_cpu_core_percent')).toEqual(['core']);
    expect(result.samples.filter((s) => s.metric === 'host_cpu_core_percent').map((s) => s.labels['core'])).toHaveLength(Number(cores));
    expect(labelKeys('host_filesystem_size_bytes')).toEqual(['fstype,mount']);
    expect(labelKeys('host_filesystem_free_bytes')).toEqual(['mount']);
    expect(labelKeys('host_filesystem_used_percent')).toEqual(['mount']);
    expect(result.samples.filter((s) => s.metric === 'host_processes').map((s) => s.labels['state'])).toEqual(['total', 'running', 'blocked', 'sleeping']);
    expect(result.samples.every((s) => s.at === result.detail.collectedAt && /^[a-z0-9_]+$/.test(s.metric))).toBe(true);
    expect(result.samples.some((s) => 'pid' in s.labels)).toBe(false);
  });

  it('rejects without reading when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    await expect(createHostProbe().collect(createContext(controller.signal))).rejects.toThrow('shutting down');
  });
});

describe('createHostProbe', () => {
  it('refuses a negative or fractional topProcesses', () => {
    expect(() => createHostProbe({ topProcesses: -1 })).toThrow(RangeError);
    expect(() => createHostProbe({ topProcesses: 2.5 })).toThrow(RangeError);
  });

  it('refuses a negative or non-finite processRefreshMs', () => {
    expect(() => createHostProbe({ processRefreshMs: -1 })).toThrow(RangeError);
    expect(() => createHostProbe({ processRefreshMs: Number.NaN })).toThrow(RangeError);
  });

  it('reuses the process table within processRefreshMs and reads it again after, by the probe clock', async () => {
    let now = 1_800_000_000_000;
    const probe = createHostProbe({ processRefreshMs: 60_000 });
    const collectAt = async (at: number): Promise<HostDetail['processes']> => {
      now = at;
      return (await probe.collect(createContext(undefined, () => now))).detail.processes;
    };
    const first = await collectAt(now);
    expect(first.processesCollectedAt).toBe(now);
    const reused = await collectAt(now + 59_999);
    expect(reused.processesCollectedAt).toBe(first.processesCollectedAt);
    expect(reused.topByMemory).toEqual(first.topByMemory);
    const fresh = await collectAt(first.processesCollectedAt + 60_000);
    expect(fresh.processesCollectedAt).toBe(first.processesCollectedAt + 60_000);
  });
});

describe('selectFilesystems', () => {
  const row = (mount: string, type: string, fs = '/dev/sda1', size = 1000): FsSizeRow => ({ fs, type, size, used: 400, available: 600, use: 40, mount });

  it('skips memory and kernel filesystems but keeps overlay when a container runs on it', () => {
    const kept = selectFilesystems([
      row('/', 'overlay', 'overlay', 5000),
      row('/dev/shm', 'tmpfs', 'tmpfs'),
      row('/dev', 'devtmpfs', 'udev'),
      row('/snap/core/1', 'squashfs', '/dev/loop0'),
      row('/proc', 'proc', 'proc'),
      row('/srv/media', 'xfs', '/dev/sdb1', 9000),
    ]);
    expect(kept.map((fs) => fs.mount)).toEqual(['/', '/srv/media']);
  });

  it('keeps the shortest mount when the same device is mounted more than once', () => {
    const kept = selectFilesystems([row('/etc/hosts', 'ext4'), row('/', 'ext4'), row('/etc/hostname', 'ext4')]);
    expect(kept.map((fs) => fs.mount)).toEqual(['/']);
  });

  it('keeps both when two devices share a size', () => {
    expect(selectFilesystems([row('/a', 'ext4', '/dev/sda1'), row('/b', 'ext4', '/dev/sdb1')])).toHaveLength(2);
  });
});

describe('buildHostSamples', () => {
  const readings: HostReadings = {
    cpu: { currentLoad: 12.5, cpus: [{ load: 10 }, { load: 15 }] },
    loadAverages: [0.5, 0.4, 0.3],
    mem: { total: 1000, available: 250, swaptotal: 0, swapused: 0 },
    filesystems: [],
    diskIo: { readBytesPerSecond: null, writeBytesPerSecond: null, readOpsPerSecond: null, writeOpsPerSecond: null },
    network: [
      { interface: 'lo', state: 'unknown', receiveBytesPerSecond: null, transmitBytesPerSecond: null },
      { interface: 'eth0', state: 'up', receiveBytesPerSecond: null, transmitBytesPerSecond: null },
      { interface: 'veth1a2b3c', state: 'up', receiveBytesPerSecond: 5, transmitBytesPerSecond: 5 },
      { interface: 'ifb0', state: 'down', receiveBytesPerSecond: 0, transmitBytesPerSecond: 0 },
    ],
    processes: { all: 0, running: 0, blocked: 0, sleeping: 0, list: [] },
    processesCollectedAt: 500,
    taskCounts: null,
    uptimeSeconds: 100,
    collectedAt: 1_000,
  };

  it('omits rate samples instead of reporting 0 when the rates are still null', () => {
    const detail = buildHostDetail(readings, 8);
    const metrics = metricsOf(buildHostSamples(detail));
    for (const metric of [...RATE_METRICS, 'host_network_receive_bytes_per_second', 'host_network_transmit_bytes_per_second']) {
      expect(metrics).not.toContain(metric);
    }
    expect(detail.diskIo.readBytesPerSecond).toBeNull();
    expect(detail.network).toEqual([{ interface: 'eth0', state: 'up', receiveBytesPerSecond: null, transmitBytesPerSecond: null }]);
  });

  it('omits swap percent and process counts when there is no swap and no process table', () => {
    const detail = buildHostDetail(readings, 8);
    const metrics = metricsOf(buildHostSamples(detail));
    expect(detail.swap.usedPercent).toBeNull();
    expect(metrics).not.toContain('host_swap_used_percent');
    expect(metrics).toContain('host_swap_total_bytes');
    expect(detail.processes.counts).toBeNull();
    expect(metrics).not.toContain('host_processes');
  });

  it('counts kernel tasks when /proc gave them and the process table otherwise', () => {
    const table = { all: 90, running: 1, blocked: 0, sleeping: 89, list: [] };
    const kernel = { total: 150, running: 2, blocked: 1, sleeping: 147 };
    expect(buildHostDetail({ ...readings, processes: table, taskCounts: kernel }, 8).processes.counts).toEqual(kernel);
    expect(buildHostDetail({ ...readings, processes: table }, 8).processes.counts).toEqual({ total: 90, running: 1, blocked: 0, sleeping: 89 });
    expect(buildHostDetail(readings, 8).processes.processesCollectedAt).toBe(500);
  });

  it('reports used memory as total minus available', () => {
    const detail = buildHostDetail(readings, 8);
    expect(detail.memory).toEqual({ totalBytes: 1000, usedBytes: 750, availableBytes: 250, usedPercent: 75 });
  });

  it('treats a negative rate as unknown when a counter was reset', () => {
    const detail = buildHostDetail({ ...readings, diskIo: { ...readings.diskIo, readBytesPerSecond: -5, writeBytesPerSecond: 7 } }, 8);
    expect(detail.diskIo.readBytesPerSecond).toBeNull();
    expect(detail.diskIo.writeBytesPerSecond).toBe(7);
  });
});

describe('top processes', () => {
  const proc = (pid: number, cpu: number, memRss: number, name = `p${pid}`): ProcessRow => ({ pid, name, command: name, params: '', cpu, mem: 0, memRss, user: 'www-data' });

  it('orders by CPU then memory, and by RSS for the memory list', () => {
    const { topByCpu, topByMemory } = pickTopProcesses([proc(1, 0, 10), proc(2, 50, 5), proc(3, 0, 900), proc(4, 20, 1)], 3);
    expect(topByCpu.map((p) => p.pid)).toEqual([2, 4, 3]);
    expect(topByMemory.map((p) => p.pid)).toEqual([3, 1, 2]);
    expect(topByMemory[0]?.rssBytes).toBe(900 * 1024);
  });

  it('shortens the command to 120 characters when it is longer', () => {
    const command = shortenCommand('/usr/bin/ffmpeg', `-i ${'x'.repeat(300)}`);
    expect(command).toHaveLength(120);
    expect(command.startsWith('/usr/bin/ffmpeg -i xxx')).toBe(true);
    expect(command.endsWith('…')).toBe(true);
  });

  it('masks passwords when a command line carries credentials', () => {
    expect(shortenCommand('celery', '-A cms worker -b redis://:s3cret@127.0.0.1:6379/1')).toBe('celery -A cms worker -b redis://:***@127.0.0.1:6379/1');
    expect(shortenCommand('uwsgi', '--env DATABASE_URL=postgres://cms:hunter2@db/cms --ini cms.ini')).toBe(
      'uwsgi --env DATABASE_URL=postgres://cms:***@db/cms --ini cms.ini',
    );
    expect(shortenCommand('tool', '--password hunter2 --db-password=abc SECRET_KEY=xyz -v')).toBe('tool --password *** --db-password=*** SECRET_KEY=*** -v');
  });

  it('keeps ffmpeg pass options readable when they only look like passwords', () => {
    expect(shortenCommand('ffmpeg', '-i in.mp4 -pass 2 -passlogfile /tmp/enc out.webm')).toBe('ffmpeg -i in.mp4 -pass 2 -passlogfile /tmp/enc out.webm');
  });
});
