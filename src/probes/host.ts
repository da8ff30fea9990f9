import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import si from 'systeminformation';
import { describeError } from '../errors.js';
import { buildHostDetail } from './host/build-detail.js';
import type { HostDetail } from './host/detail.js';
import { readFilesystems } from './host/filesystems.js';
import { readInterfaceSelector } from './host/network.js';
import { buildHostSamples } from './host/samples.js';
import type { Probe, ProbeContext, ProbeResult } from './probe.js';

export type { FilesystemUsage, HostDetail, NetworkInterfaceRate, ProcessCounts, ProcessSummary } from './host/detail.js';

export interface HostProbeOptions {
  /** How many processes each of the "top by CPU" and "top by memory" lists holds. Default 8. */
  topProcesses?: number;
}

const DEFAULT_TOP_PROCESSES = 8;

/**
 * systeminformation hands back its previous (possibly still null) rates when fsStats, disksIO, networkStats or
 * processes are called again within 500 ms, so a baseline must be at least this old before a collect.
 */
const SI_MIN_RATE_INTERVAL_MS = 500;
const SETTLE_MARGIN_MS = 20;

/** Reads the machine the bot runs on: CPU, memory, filesystems, disk and network rates, processes. */
export function createHostProbe(options: HostProbeOptions = {}): Probe<HostDetail> {
  const topProcesses = options.topProcesses ?? DEFAULT_TOP_PROCESSES;
  if (!Number.isInteger(topProcesses) || topProcesses < 0) {
    throw new RangeError(`topProcesses must be a whole number ≥ 0, got ${topProcesses}`);
  }
  return {
    id: 'host',
    description: 'CPU, memory, disks, network and processes of this host',
    collect: (ctx) => collectHost(ctx, topProcesses),
  };
}

/**
 * Takes the first readings that CPU %, disk, network and per-process rates are measured against, and resolves once
 * they are old enough to give real rates (about 0.5–0.6 s: si's own first CPU reading measures over 500 ms, and
 * its other rates need a 500 ms old baseline). A one-shot CLI runs this, in parallel with its other probes, and
 * then collects; no further wait is needed. A long-running process need not call it: its first collect reports
 * CPU over 500 ms and leaves the rates out, later ones have them.
 */
export async function primeHostProbe(options: { signal?: AbortSignal } = {}): Promise<void> {
  const baselines = Promise.all([si.fsStats(), si.disksIO(), readNetworkStats(), si.processes()]).then(() => Date.now());
  const [baselineAt] = await Promise.all([baselines, si.currentLoad()]);
  const wait = baselineAt + SI_MIN_RATE_INTERVAL_MS + SETTLE_MARGIN_MS - Date.now();
  if (wait > 0) await sleep(wait, undefined, options.signal ? { signal: options.signal } : {});
}

async function collectHost(ctx: ProbeContext, topProcesses: number): Promise<ProbeResult<HostDetail>> {
  ctx.signal.throwIfAborted();
  let readings;
  try {
    // Independent reads run together; the slowest (processes, or currentLoad's 500 ms first run) sets the pace.
    readings = await Promise.all([
      si.currentLoad(),
      si.mem(),
      readFilesystems(() => si.fsSize(), ctx.signal),
      si.fsStats(),
      si.disksIO(),
      readNetworkStats(),
      si.processes(),
    ]);
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    throw new Error(`cannot read host metrics: ${describeError(error)}`, { cause: error });
  }
  ctx.signal.throwIfAborted();
  const [cpu, mem, filesystems, fsStats, disksIO, network, processes] = readings;
  const detail = buildHostDetail(
    {
      cpu,
      loadAverages: os.loadavg(),
      mem,
      filesystems,
      fsStats,
      disksIO,
      network,
      processes,
      uptimeSeconds: os.uptime(),
      collectedAt: ctx.now(),
    },
    topProcesses,
  );
  return { samples: buildHostSamples(detail), detail };
}

async function readNetworkStats(): Promise<si.Systeminformation.NetworkStatsData[]> {
  const selector = await readInterfaceSelector();
  return selector === null ? [] : si.networkStats(selector);
}
