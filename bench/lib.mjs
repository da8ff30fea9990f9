// Shared helpers for the benchmarks: timing whole processes, reading /proc, medians.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs a command under GNU time: wall seconds and peak RSS (KiB) of the whole process. */
export function timeProcess(argv, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-time-'));
  const out = join(dir, 'time.txt');
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%e %M', '-o', out, ...argv], { stdio: ['ignore', 'ignore', 'pipe'], ...options });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const [wall, rss] = readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number);
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) reject(new Error(`${argv.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ wallSeconds: wall, peakRssKiB: rss });
    });
  });
}

const CLK_TCK = 100;
/**
 * CPU seconds (user + system) a process has used so far, including the children it has waited for (ps, df,
 * systemctl spawned by probes are part of its cost), and its current RSS in KiB.
 */
export function readProcess(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuSeconds = (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / CLK_TCK;
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuSeconds, rssKiB: rss ? Number(rss[1]) : NaN };
}

export function describeMachine() {
  const model = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
