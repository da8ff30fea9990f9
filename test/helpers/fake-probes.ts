import type { HostDetail } from '../../src/probes/host.js';
import type { Probe, Sample } from '../../src/probes/probe.js';
import type { ServicesDetail } from '../../src/probes/services.js';

/** A quiet, healthy host; tests change what they need. */
export function healthyHost(now: number): HostDetail {
  return {
    cpu: { percent: 12, corePercents: [10, 14], cores: 2 },
    load: { load1: 0.3, load5: 0.2, load15: 0.1 },
    memory: { totalBytes: 8 * 2 ** 30, usedBytes: 2 * 2 ** 30, availableBytes: 6 * 2 ** 30, usedPercent: 25 },
    swap: { totalBytes: 0, usedBytes: 0, usedPercent: null },
    filesystems: [
      {
        mount: '/',
        device: '/dev/vda1',
        fsType: 'ext4',
        sizeBytes: 100 * 2 ** 30,
        usedBytes: 40 * 2 ** 30,
        freeBytes: 60 * 2 ** 30,
        usedPercent: 40,
        inodes: { total: 1_000_000, used: 100_000, free: 900_000, usedPercent: 10 },
      },
    ],
    diskIo: { readBytesPerSecond: 0, writeBytesPerSecond: 1024, readOpsPerSecond: 0, writeOpsPerSecond: 1 },
    network: [{ interface: 'eth0', state: 'up', receiveBytesPerSecond: 100, transmitBytesPerSecond: 200 }],
    uptimeSeconds: 86_400,
    processes: {
      counts: { total: 120, running: 1, blocked: 0, sleeping: 119 },
      topByCpu: [{ pid: 4242, name: 'ffmpeg', command: 'ffmpeg -i in.mp4 -c:v libx264 out.mp4', cpuPercent: 90, memPercent: 3, rssBytes: 300 * 2 ** 20, user: 'www-data' }],
      processesCollectedAt: now,
      topByMemory: [{ pid: 777, name: 'uwsgi', command: 'uwsgi --ini uwsgi.ini', cpuPercent: 2, memPercent: 12, rssBytes: 900 * 2 ** 20, user: 'www-data' }],
    },
    collectedAt: now,
  };
}

export function activeServices(now: number, units = ['celery_long', 'nginx']): ServicesDetail {
  return {
    units: units.map((name) => ({
      unit: `${name}.service`,
      state: 'active' as const,
      subState: 'running',
      restarts: 0,
      since: now - 3_600_000,
      mainPid: 100,
      description: name,
    })),
    unavailableReason: null,
    collectedAt: now,
  };
}

/** A probe that returns what the test says, or throws what it says; counts its runs. */
export function createFakeProbe<D>(id: string, produce: () => { detail: D; samples?: Sample[] } | Error): Probe<D> & { runs: number } {
  const probe = {
    id,
    description: `fake ${id}`,
    runs: 0,
    async collect() {
      probe.runs++;
      const out = produce();
      if (out instanceof Error) throw out;
      return { detail: out.detail, samples: out.samples ?? [] };
    },
  };
  return probe;
}
