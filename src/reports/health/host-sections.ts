import type { Config } from '../../config/load-config.js';
import type { HostDetail, ProcessSummary } from '../../probes/host.js';
import type { Section, Severity, TableRow } from '../report.js';
import { formatAge, formatBytes, formatPercent, formatRate } from './format.js';

function severityOf(value: number | null, pair: { warning: number; critical: number }): Severity {
  if (value === null) return 'ok';
  return value >= pair.critical ? 'critical' : value >= pair.warning ? 'warning' : 'ok';
}

function processRows(list: readonly ProcessSummary[]): TableRow[] {
  return list.map((p) => ({
    cells: [String(p.pid), p.name, formatPercent(p.cpuPercent), formatPercent(p.memPercent), formatBytes(p.rssBytes), p.user, p.command],
  }));
}

export function hostSections(host: HostDetail, t: Config['thresholds']): Section[] {
  const perCore = host.cpu.cores > 0 ? host.load.load5 / host.cpu.cores : null;
  const counts = host.processes.counts;
  const processColumns = [
    { label: 'pid', align: 'right' as const },
    { label: 'name' },
    { label: 'cpu', align: 'right' as const },
    { label: 'mem', align: 'right' as const },
    { label: 'rss', align: 'right' as const },
    { label: 'user' },
    { label: 'command' },
  ];
  return [
    {
      title: 'Host',
      blocks: [
        {
          kind: 'fields',
          fields: [
            { label: 'CPU', value: `${formatPercent(host.cpu.percent)} of ${host.cpu.cores} cores (${host.cpu.corePercents.map((c) => formatPercent(c)).join(' ')})`, severity: severityOf(host.cpu.percent, t.cpu) },
            { label: 'load 1/5/15', value: `${host.load.load1.toFixed(2)} ${host.load.load5.toFixed(2)} ${host.load.load15.toFixed(2)}`, severity: severityOf(perCore, t.loadPerCore) },
            { label: 'memory', value: `${formatPercent(host.memory.usedPercent)} used, ${formatBytes(host.memory.availableBytes)} available of ${formatBytes(host.memory.totalBytes)}`, severity: severityOf(host.memory.usedPercent, t.memory) },
            { label: 'swap', value: host.swap.totalBytes === 0 ? 'none' : `${formatPercent(host.swap.usedPercent)} of ${formatBytes(host.swap.totalBytes)}`, severity: severityOf(host.swap.usedPercent, t.swap) },
            { label: 'disk I/O', value: `read ${formatRate(host.diskIo.readBytesPerSecond)}, write ${formatRate(host.diskIo.writeBytesPerSecond)}` },
            { label: 'uptime', value: formatAge(host.uptimeSeconds) },
            { label: 'tasks', value: counts ? `${counts.total} threads (${counts.running} running, ${counts.blocked} blocked on I/O)` : 'n/a' },
          ],
        },
      ],
    },
    {
      title: 'Filesystems',
      blocks: [
        {
          kind: 'table',
          columns: [{ label: 'mount' }, { label: 'type' }, { label: 'used', align: 'right' }, { label: 'free', align: 'right' }, { label: 'size', align: 'right' }, { label: 'inodes', align: 'right' }],
          rows: host.filesystems.map((fs) => {
            const disk = severityOf(fs.usedPercent, t.disk);
            const inodes = severityOf(fs.inodes?.usedPercent ?? null, t.inodes);
            return {
              cells: [fs.mount, fs.fsType, formatPercent(fs.usedPercent), formatBytes(fs.freeBytes), formatBytes(fs.sizeBytes), formatPercent(fs.inodes?.usedPercent)],
              severity: disk === 'critical' || inodes === 'critical' ? 'critical' : disk === 'warning' || inodes === 'warning' ? 'warning' : 'ok',
            };
          }),
        },
      ],
    },
    {
      title: 'Network',
      blocks: [
        {
          kind: 'table',
          columns: [{ label: 'interface' }, { label: 'state' }, { label: 'receive', align: 'right' }, { label: 'transmit', align: 'right' }],
          rows: host.network.map((n) => ({ cells: [n.interface, n.state, formatRate(n.receiveBytesPerSecond), formatRate(n.transmitBytesPerSecond)] })),
        },
      ],
    },
    { title: 'Top processes by CPU', blocks: [{ kind: 'table', columns: processColumns, rows: processRows(host.processes.topByCpu.slice(0, 5)) }] },
    { title: 'Top processes by memory', blocks: [{ kind: 'table', columns: processColumns, rows: processRows(host.processes.topByMemory.slice(0, 5)) }] },
  ];
}
