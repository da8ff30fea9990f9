import type { Logger } from 'pino';
import { describeError } from '../errors.js';
import type { Probe, ProbeStatus, Sample } from './probe.js';

/** One finished, successful run of a probe. */
export interface ProbeRun<Detail> {
  probeId: string;
  /** Epoch ms when the run finished. */
  at: number;
  durationMs: number;
  samples: Sample[];
  detail: Detail;
}

export type ProbeReading<Detail> = { ok: true; run: ProbeRun<Detail> } | { ok: false; probeId: string; error: string };

export interface ProbeRunner {
  /** Runs every probe once, concurrently; a failing probe is recorded, never thrown. */
  runAll(): Promise<Array<ProbeReading<unknown>>>;
  /**
   * The latest run of a probe if it is at most `maxAgeMs` old (default: the sampling interval), else a new run.
   * Concurrent reads of the same probe share one run.
   */
  read<Detail>(probeId: string, options?: { maxAgeMs?: number | undefined }): Promise<ProbeReading<Detail>>;
  statuses(): ProbeStatus[];
  ids(): string[];
}

export interface ProbeRunnerOptions {
  probes: ReadonlyArray<Probe<unknown>>;
  now(): number;
  log: Logger;
  /** Per-run timeout in ms. */
  timeoutMs: number;
  /** Default freshness for `read`, in ms. */
  maxAgeMs: number;
  /** Called with every successful run's samples (metric history, Prometheus gauges). */
  onRun?: ((run: ProbeRun<unknown>) => void) | undefined;
  /** Aborted on shutdown; probes in flight see it through their context. */
  signal?: AbortSignal | undefined;
}

export function createProbeRunner(options: ProbeRunnerOptions): ProbeRunner {
  const byId = new Map<string, Probe<unknown>>();
  for (const probe of options.probes) {
    if (byId.has(probe.id)) throw new Error(`two probes share the id "${probe.id}"`);
    byId.set(probe.id, probe);
  }
  const latest = new Map<string, ProbeRun<unknown>>();
  const status = new Map<string, ProbeStatus>();
  const inFlight = new Map<string, Promise<ProbeReading<unknown>>>();
  for (const id of byId.keys()) {
    status.set(id, { id, ok: false, lastRunAt: undefined, lastSuccessAt: undefined, durationMs: undefined, error: undefined, consecutiveFailures: 0 });
  }

  async function runProbe(probe: Probe<unknown>): Promise<ProbeReading<unknown>> {
    const started = options.now();
    const log = options.log.child({ probe: probe.id });
    const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
    const signal = AbortSignal.any(signals);
    const previous = status.get(probe.id);
    try {
      const result = await withTimeout(probe.collect({ now: options.now, log, signal }), options.timeoutMs, probe.id);
      const at = options.now();
      const run: ProbeRun<unknown> = { probeId: probe.id, at, durationMs: at - started, samples: result.samples, detail: result.detail };
      latest.set(probe.id, run);
      status.set(probe.id, { id: probe.id, ok: true, lastRunAt: at, lastSuccessAt: at, durationMs: run.durationMs, error: undefined, consecutiveFailures: 0 });
      options.onRun?.(run);
      return { ok: true, run };
    } catch (error) {
      const at = options.now();
      const message = describeError(error);
      log.warn({ err: error }, 'probe failed');
      status.set(probe.id, {
        id: probe.id,
        ok: false,
        lastRunAt: at,
        lastSuccessAt: previous?.lastSuccessAt,
        durationMs: at - started,
        error: message,
        consecutiveFailures: (previous?.consecutiveFailures ?? 0) + 1,
      });
      return { ok: false, probeId: probe.id, error: message };
    }
  }

  function runShared(probe: Probe<unknown>): Promise<ProbeReading<unknown>> {
    const running = inFlight.get(probe.id);
    if (running) return running;
    const promise = runProbe(probe).finally(() => inFlight.delete(probe.id));
    inFlight.set(probe.id, promise);
    return promise;
  }

  return {
    runAll: () => Promise.all([...byId.values()].map(runShared)),
    async read<Detail>(probeId: string, readOptions: { maxAgeMs?: number | undefined } = {}) {
      const probe = byId.get(probeId);
      if (!probe) return { ok: false, probeId, error: `no probe named "${probeId}" is configured` };
      const last = latest.get(probeId);
      const maxAge = readOptions.maxAgeMs ?? options.maxAgeMs;
      if (last && options.now() - last.at <= maxAge) return { ok: true, run: last as ProbeRun<Detail> };
      return (await runShared(probe)) as ProbeReading<Detail>;
    },
    statuses: () => [...status.values()].map((s) => ({ ...s })),
    ids: () => [...byId.keys()],
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, id: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the ${id} probe did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
