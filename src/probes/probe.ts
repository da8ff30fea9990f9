import type { Logger } from 'pino';

/** Metric labels. Keep their values bounded (mount points, interfaces, units; never pids or user input). */
export type Labels = Readonly<Record<string, string>>;

/** One measurement. `metric` is snake_case without the exporter prefix, e.g. `host_cpu_percent`. */
export interface Sample {
  metric: string;
  labels: Labels;
  value: number;
  /** Epoch ms. */
  at: number;
}

export interface ProbeContext {
  now(): number;
  log: Logger;
  /** Aborted when the bot shuts down or the probe overruns its timeout. */
  signal: AbortSignal;
}

/** What one run of a probe returns: metric samples for history and rules, and a typed detail for commands. */
export interface ProbeResult<Detail> {
  samples: Sample[];
  detail: Detail;
}

/**
 * Reads one system. On failure it throws an Error whose message is fit to show in chat ("cannot reach
 * PostgreSQL at 127.0.0.1:5432: connection refused"); the sampler turns that into a probe failure, never a crash.
 */
export interface Probe<Detail = unknown> {
  id: string;
  description: string;
  collect(ctx: ProbeContext): Promise<ProbeResult<Detail>>;
}

/** The last outcome of a probe, kept by the sampler for `/healthz`, `health` and blind-spot alerts. */
export interface ProbeStatus {
  id: string;
  ok: boolean;
  /** Epoch ms of the last finished run. */
  lastRunAt: number | undefined;
  lastSuccessAt: number | undefined;
  durationMs: number | undefined;
  error: string | undefined;
  consecutiveFailures: number;
}
