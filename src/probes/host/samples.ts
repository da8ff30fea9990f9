import type { Labels, Sample } from '../probe.js';
import type { HostDetail } from './detail.js';

/**
 * Turns a host reading into samples. Rates that are still null (first reading of a process) are left out rather
 * than reported as 0, so a rule never sees a fake "no traffic"; the same goes for swap % on a host without swap.
 */
export function buildHostSamples(detail: HostDetail): Sample[] {
  const at = detail.collectedAt;
  const samples: Sample[] = [];
  const add = (metric: string, value: number | null, labels: Labels = {}): void => {
    if (value !== null && Number.isFinite(value)) samples.push({ metric, labels, value, at });
  };

  add('host_cpu_percent', detail.cpu.percent);
  detail.cpu.corePercents.forEach((percent, core) => add('host_cpu_core_percent', percent, { core: String(core) }));
  add('host_cpu_cores', detail.cpu.cores);
  add('host_load1', detail.load.load1);
  add('host_load5', detail.load.load5);
  add('host_load15', detail.load.load15);

  add('host_memory_total_bytes', detail.memory.totalBytes);
  add('host_memory_used_bytes', detail.memory.usedBytes);
  add('host_memory_available_bytes', detail.memory.availableBytes);
  add('host_memory_used_percent', detail.memory.usedPercent);
  add('host_swap_total_bytes', detail.swap.totalBytes);
  add('host_swap_used_bytes', detail.swap.usedBytes);
  add('host_swap_used_percent', detail.swap.usedPercent);

  for (const fs of detail.filesystems) {
    add('host_filesystem_size_bytes', fs.sizeBytes, { mount: fs.mount, fstype: fs.fsType });
    add('host_filesystem_free_bytes', fs.freeBytes, { mount: fs.mount });
    add('host_filesystem_used_percent', fs.usedPercent, { mount: fs.mount });
    if (fs.inodes) {
      add('host_filesystem_inodes_used_percent', fs.inodes.usedPercent, { mount: fs.mount });
      add('host_filesystem_inodes_free', fs.inodes.free, { mount: fs.mount });
    }
  }

  add('host_disk_read_bytes_per_second', detail.diskIo.readBytesPerSecond);
  add('host_disk_write_bytes_per_second', detail.diskIo.writeBytesPerSecond);
  add('host_disk_read_ops_per_second', detail.diskIo.readOpsPerSecond);
  add('host_disk_write_ops_per_second', detail.diskIo.writeOpsPerSecond);
  for (const net of detail.network) {
    add('host_network_receive_bytes_per_second', net.receiveBytesPerSecond, { interface: net.interface });
    add('host_network_transmit_bytes_per_second', net.transmitBytesPerSecond, { interface: net.interface });
  }

  add('host_uptime_seconds', detail.uptimeSeconds);
  const counts = detail.processes.counts;
  if (counts) {
    add('host_processes', counts.total, { state: 'total' });
    add('host_processes', counts.running, { state: 'running' });
    add('host_processes', counts.blocked, { state: 'blocked' });
    add('host_processes', counts.sleeping, { state: 'sleeping' });
  }
  return samples;
}
