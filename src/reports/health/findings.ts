import type { Config } from '../../config/load-config.js';
import type { HostDetail, ProcessSummary } from '../../probes/host.js';
import type { ServicesDetail } from '../../probes/services.js';
import type { Severity } from '../report.js';
import { formatAge, formatBytes, formatPercent } from './format.js';

/** Something worth an operator's attention, with where to look next. */
export interface Finding {
  severity: Exclude<Severity, 'ok'>;
  /** What is wrong, with the number. */
  text: string;
  /** What to look at or do first. */
  hint: string;
}

type Thresholds = Config['thresholds'];

function level(value: number | null, pair: { warning: number; critical: number }): 'warning' | 'critical' | undefined {
  if (value === null || !Number.isFinite(value)) return undefined;
  if (value >= pair.critical) return 'critical';
  if (value >= pair.warning) return 'warning';
  return undefined;
}

/** Which part of CinemataCMS a busy process belongs to, and where to look next. */
export function explainProcess(p: ProcessSummary): string {
  const text = `${p.name} ${p.command}`.toLowerCase();
  if (text.includes('ffmpeg')) return 'FFmpeg encodes are busy: check the encoding backlog (queues, encodings)';
  if (text.includes('whisper')) return 'Whisper transcription is running (whisper_tasks queue)';
  if (text.includes('celery')) return 'a Celery worker is busy: check queues and tasks';
  if (text.includes('uwsgi') || text.includes('gunicorn')) return 'the web application (uWSGI) is busy: check request rates and slow endpoints';
  if (text.includes('postgres')) return 'PostgreSQL is busy: check slow queries and locks';
  if (text.includes('nginx')) return 'NGINX is busy: check traffic';
  if (text.includes('redis')) return 'Redis is busy: check the broker queues';
  return 'not part of CinemataCMS: check what it is';
}

function topName(list: readonly ProcessSummary[], metric: 'cpuPercent' | 'memPercent'): string {
  const top = list[0];
  return top ? `top: ${top.name} (pid ${top.pid}, ${formatPercent(top[metric])}) — ${explainProcess(top)}` : 'see the top processes';
}

export function findHostProblems(host: HostDetail, t: Thresholds): Finding[] {
  const out: Finding[] = [];
  const cpu = level(host.cpu.percent, t.cpu);
  if (cpu) out.push({ severity: cpu, text: `CPU ${formatPercent(host.cpu.percent)} busy`, hint: topName(host.processes.topByCpu, 'cpuPercent') });
  const perCore = host.cpu.cores > 0 ? host.load.load5 / host.cpu.cores : null;
  const load = level(perCore, t.loadPerCore);
  if (load) {
    out.push({
      severity: load,
      text: `load ${host.load.load5.toFixed(2)} over 5 min on ${host.cpu.cores} cores (${perCore?.toFixed(2)} per core)`,
      hint: 'processes are queuing for CPU or blocked on disk I/O: compare CPU busy with disk rates',
    });
  }
  const mem = level(host.memory.usedPercent, t.memory);
  if (mem) {
    out.push({
      severity: mem,
      text: `memory ${formatPercent(host.memory.usedPercent)} used, ${formatBytes(host.memory.availableBytes)} available`,
      hint: topName(host.processes.topByMemory, 'memPercent'),
    });
  }
  const swap = level(host.swap.usedPercent, t.swap);
  if (swap) out.push({ severity: swap, text: `swap ${formatPercent(host.swap.usedPercent)} used`, hint: 'the host is short of memory: everything slows down; see memory' });
  for (const fs of host.filesystems) {
    const disk = level(fs.usedPercent, t.disk);
    if (disk) {
      out.push({
        severity: disk,
        text: `${fs.mount} ${formatPercent(fs.usedPercent)} full, ${formatBytes(fs.freeBytes)} free`,
        hint: 'uploads and encodes fail with "No space left on device" when it fills: clear old logs, orphaned encodings and temp files',
      });
    }
    const inodes = level(fs.inodes?.usedPercent ?? null, t.inodes);
    if (inodes) {
      out.push({
        severity: inodes,
        text: `${fs.mount} inodes ${formatPercent(fs.inodes?.usedPercent)} used`,
        hint: 'millions of small files (HLS segments, thumbnails, sessions) exhaust inodes before bytes: find the directory with the most files',
      });
    }
  }
  return out;
}

export function findServiceProblems(services: ServicesDetail, t: Thresholds, now: number): Finding[] {
  const out: Finding[] = [];
  for (const u of services.units) {
    const since = u.since === null ? '' : ` for ${formatAge((now - u.since) / 1000)}`;
    const name = u.unit.replace(/\.service$/, '');
    if (u.state === 'failed') {
      out.push({ severity: 'critical', text: `${name} has failed${since}`, hint: `read why: journalctl -u ${name} -n 50; then restart it` });
    } else if (u.state === 'inactive' || u.state === 'deactivating') {
      out.push({ severity: 'critical', text: `${name} is ${u.state}${since}`, hint: `it is not running: systemctl status ${name}` });
    } else if (u.state === 'activating' && u.subState === 'auto-restart') {
      out.push({ severity: 'critical', text: `${name} is crash-looping (auto-restart)`, hint: `journalctl -u ${name} -n 50 shows the crash` });
    } else if (u.state === 'not-found') {
      out.push({ severity: 'warning', text: `${name} is not installed on this host`, hint: 'remove it from services in cinemata-ops.yaml if it runs elsewhere' });
    }
    const restarts = level(u.restarts, t.serviceRestarts);
    if (restarts) {
      out.push({ severity: restarts, text: `${name} restarted ${u.restarts} times`, hint: `it keeps crashing: journalctl -u ${name} --since -1h` });
    }
  }
  return out;
}
