import { execFile, type ExecFileException } from 'node:child_process';
import type { Probe, ProbeContext, ProbeResult, Sample } from './probe.js';
import { normalizeUnitName, parseSystemctlShow, SHOW_PROPERTIES, type UnitStatus } from './systemctl.js';

export { UNIT_STATES, type UnitState, type UnitStatus } from './systemctl.js';

export interface ServicesProbeOptions {
  /** systemd units to watch, from config; a name without a type suffix means `<name>.service`. */
  units: string[];
  /** Default `systemctl` (looked up on PATH). */
  systemctlPath?: string;
  /** How long systemctl may take before every unit is reported `unknown`, in ms. Default 3000. */
  timeoutMs?: number;
}

export interface ServicesDetail {
  /** One entry per configured unit, in config order. */
  units: UnitStatus[];
  /** Why systemd could not be asked at all (every unit is then `unknown` with this reason); null when it answered. */
  unavailableReason: string | null;
  /** Epoch ms. */
  collectedAt: number;
}

const DEFAULT_TIMEOUT_MS = 3000;

/**
 * Reads the state of the platform's systemd units (nginx, uwsgi, celery workers, postgresql ...) with one
 * `systemctl show`. A host without systemd (a container, this CI machine) is not a probe failure: every unit is
 * `unknown` with the reason, so a chat `health` still answers and says why.
 *
 * Samples, all labelled {unit}, none for a unit in state `unknown`:
 * - service_up: 1 when active or reloading (it serves), else 0, including `not-found`.
 * - service_failed: 1 when systemd marks the unit failed, so rules can tell a crash from a deliberate stop.
 * - service_restarts_total: systemd's automatic restarts (NRestarts), services only; a rising value is a crash loop.
 * - service_state_age_seconds: seconds in the current state (since `since`), e.g. to catch a unit that keeps
 *   restarting faster than the sampling interval.
 */
export function createServicesProbe(options: ServicesProbeOptions): Probe<ServicesDetail> {
  const units = [...new Set(options.units.map(normalizeUnitName))];
  const systemctlPath = options.systemctlPath ?? 'systemctl';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    id: 'services',
    description: `systemd units: ${units.join(', ') || '(none configured)'}`,
    collect: (ctx) => collectServices(ctx, units, systemctlPath, timeoutMs),
  };
}

async function collectServices(ctx: ProbeContext, units: string[], systemctlPath: string, timeoutMs: number): Promise<ProbeResult<ServicesDetail>> {
  if (units.length === 0) return { samples: [], detail: { units: [], unavailableReason: null, collectedAt: ctx.now() } };
  // `--` ends the options, a second guard (after name validation) against a unit name read as an option.
  const argv = ['show', '--no-pager', `--property=${SHOW_PROPERTIES.join(',')}`, '--', ...units];
  const outcome = await runSystemctl(systemctlPath, argv, timeoutMs, ctx.signal);
  const collectedAt = ctx.now();
  if (!outcome.ok) {
    const reason = explainUnavailable(outcome, systemctlPath, timeoutMs);
    const statuses = units.map((unit): UnitStatus => ({ unit, state: 'unknown', subState: '', restarts: null, since: null, mainPid: null, description: '', reason }));
    return { samples: [], detail: { units: statuses, unavailableReason: reason, collectedAt } };
  }
  const statuses = parseSystemctlShow(outcome.stdout, units);
  return { samples: buildServiceSamples(statuses, collectedAt), detail: { units: statuses, unavailableReason: null, collectedAt } };
}

export function buildServiceSamples(statuses: readonly UnitStatus[], at: number): Sample[] {
  const samples: Sample[] = [];
  for (const status of statuses) {
    if (status.state === 'unknown') continue;
    const labels = { unit: status.unit };
    samples.push({ metric: 'service_up', labels, value: status.state === 'active' || status.state === 'reloading' ? 1 : 0, at });
    samples.push({ metric: 'service_failed', labels, value: status.state === 'failed' ? 1 : 0, at });
    if (status.restarts !== null) samples.push({ metric: 'service_restarts_total', labels, value: status.restarts, at });
    if (status.since !== null) samples.push({ metric: 'service_state_age_seconds', labels, value: Math.max(0, (at - status.since) / 1000), at });
  }
  return samples;
}

type SystemctlOutcome = { ok: true; stdout: string } | { ok: false; error: ExecFileException; stderr: string };

function runSystemctl(path: string, argv: string[], timeoutMs: number, signal: AbortSignal): Promise<SystemctlOutcome> {
  // TZ=UTC makes systemctl print timestamps as "... UTC", the one zone name that can be parsed without guessing.
  const env = { ...process.env, TZ: 'UTC', LC_ALL: 'C', SYSTEMD_COLORS: '0', SYSTEMD_PAGER: '' };
  return new Promise((resolve, reject) => {
    execFile(path, argv, { timeout: timeoutMs, signal, env, encoding: 'utf8', maxBuffer: 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (!error) return resolve({ ok: true, stdout });
      if (signal.aborted) return reject(signal.reason);
      resolve({ ok: false, error, stderr });
    });
  });
}

/** The one-line reason when systemd is absent or silent; anything else is a real failure and throws. */
function explainUnavailable(failure: { error: ExecFileException; stderr: string }, path: string, timeoutMs: number): string {
  const { error, stderr } = failure;
  if (error.code === 'ENOENT') return `systemctl was not found (${path}): systemd is not installed on this host`;
  // Node also kills the child when output overflows maxBuffer; that is not a timeout.
  if (error.killed && error.code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return `systemctl did not answer within ${timeoutMs} ms`;
  if (/not been booted with systemd/i.test(stderr)) return 'systemd is not running on this host (PID 1 is not systemd)';
  const bus = /Failed to connect to bus:?\s*(.*)/i.exec(stderr);
  if (bus) return `cannot reach systemd: failed to connect to its bus${bus[1] ? ` (${bus[1].trim()})` : ''}`;
  const detail = stderr.trim().split('\n')[0] || error.message.split('\n')[0] || `exit code ${String(error.code)}`;
  throw new Error(`systemctl show failed: ${detail}`, { cause: error });
}
