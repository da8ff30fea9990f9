import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import si from 'systeminformation';
import { describeError } from '../errors.js';
import { buildHostDetail } from './host/build-detail.js';
import type { HostDetail } from './host/detail.js';
import { createDiskIoReader, type DiskIoReader } from './host/disk-io-reader.js';
import { readFilesystems } from './host/filesystems.js';
import { createNetworkReader, type NetworkReader } from './host/network-reader.js';
import { createProcessTableCache, type ProcessTableCache } from './host/process-table-cache.js';
import { buildHostSamples } from './host/samples.js';
import { readTaskCounts } from './host/task-counts.js';
import type { Probe, ProbeContext, ProbeResult } from './probe.js';

export type { FilesystemUsage, HostDetail, NetworkInterfaceRate, ProcessCounts, ProcessSummary } from './host/detail.js';

export interface HostProbeOptions {
  /** How many processes each of the "top by CPU" and "top by memory" lists holds. Default 8. */
  topProcesses?: number;
  /** How often, in ms, the process table behind the top lists is re-read; collects in between reuse it. Default 60_000. */
  processRefreshMs?: number;
}

/** The host probe, plus the baseline a one-shot run takes so that its single collect has rates. */
export interface HostProbe extends Probe<HostDetail> {
  /**
   * Takes the first readings that CPU %, disk, network and per-process rates are measured against, and resolves
   * once they are old enough to give real rates (about 0.5–0.6 s: si's own first CPU reading measures over
   * 500 ms, and its process CPU % needs a 500 ms old baseline). A one-shot CLI runs this, in parallel with its
   * other probes, then collects; no further wait is needed. A long-running process need not call it: its first
   * collect reports CPU over 500 ms and leaves the rates out, later ones have them. It does not use `this`, so
   * it can be handed on as `host.prime`.
   */
  prime(options?: { signal?: AbortSignal }): Promise<void>;
}

const DEFAULT_TOP_PROCESSES = 8;
const DEFAULT_PROCESS_REFRESH_MS = 60_000;

/** systeminformation hands back its previous (possibly still null) rates when called again within 500 ms. */
const SI_MIN_RATE_INTERVAL_MS = 500;
const SETTLE_MARGIN_MS = 20;

/** What one probe keeps between collects: its rate baselines and the last process table. */
interface HostReaders {
  disks: DiskIoReader;
  network: NetworkReader;
  processTable: ProcessTableCache;
}

/** Reads the machine the bot runs on: CPU, memory, filesystems, disk and network rates, processes. */
export function createHostProbe(options: HostProbeOptions = {}): HostProbe {
  const topProcesses = options.topProcesses ?? DEFAULT_TOP_PROCESSES;
  if (!Number.isInteger(topProcesses) || topProcesses < 0) {
    throw new RangeError(`topProcesses must be a whole number ≥ 0, got ${topProcesses}`);
  }
  const processRefreshMs = options.processRefreshMs ?? DEFAULT_PROCESS_REFRESH_MS;
  if (!Number.isFinite(processRefreshMs) || processRefreshMs < 0) {
    throw new RangeError(`processRefreshMs must be a number of ms ≥ 0, got ${processRefreshMs}`);
  }
  // The /proc baselines live in this probe rather than the module (unlike si's own), so two probes never share them.
  const readers: HostReaders = {
    disks: createDiskIoReader(),
    network: createNetworkReader(),
    processTable: createProcessTableCache(() => si.processes(), processRefreshMs),
  };
  return {
    id: 'host',
    description: 'CPU, memory, disks, network and processes of this host',
    collect: (ctx) => collectHost(ctx, readers, topProcesses),
    prime: (primeOptions) => primeHost(readers, primeOptions),
  };
}

async function primeHost(readers: HostReaders, options: { signal?: AbortSignal } = {}): Promise<void> {
  // si.processes() here is not kept: it only gives the first collect's own read a baseline for per-process CPU %.
  const baselines = Promise.all([readers.disks.read(), readers.network.read(), si.processes()]).then(() => Date.now());
  const [baselineAt] = await Promise.all([baselines, si.currentLoad()]);
  const wait = baselineAt + SI_MIN_RATE_INTERVAL_MS + SETTLE_MARGIN_MS - Date.now();
  if (wait > 0) await sleep(wait, undefined, options.signal ? { signal: options.signal } : {});
}

async function collectHost(ctx: ProbeContext, readers: HostReaders, topProcesses: number): Promise<ProbeResult<HostDetail>> {
  ctx.signal.throwIfAborted();
  let readings;
  try {
    // Independent reads run together; the slowest (df, ps when due, or currentLoad's 500 ms first run) sets the pace.
    readings = await Promise.all([
      si.currentLoad(),
      si.mem(),
      readFilesystems(() => si.fsSize(), ctx.signal),
      readers.disks.read(),
      readers.network.read(),
      readers.processTable.read(ctx.now()),
      readTaskCounts(),
    ]);
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    throw new Error(`cannot read host metrics: ${describeError(error)}`, { cause: error });
  }
  ctx.signal.throwIfAborted();
  const [cpu, mem, filesystems, diskIo, network, processTable, taskCounts] = readings;
  const detail = buildHostDetail(
    {
      cpu,
      loadAverages: os.loadavg(),
      mem,
      filesystems,
      diskIo,
      network,
      processes: processTable.table,
      processesCollectedAt: processTable.collectedAt,
      taskCounts,
      uptimeSeconds: os.uptime(),
      collectedAt: ctx.now(),
    },
    topProcesses,
  );
  return { samples: buildHostSamples(detail), detail };
}
