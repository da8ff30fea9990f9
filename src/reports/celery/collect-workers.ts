import type { Logger } from 'pino';
import type { BrokerSnapshot } from '../../celery/broker-snapshot.js';
import type { Config } from '../../config/load-config.js';
import type { AppServices } from '../../dispatch/services.js';
import { listWorkerLogs } from '../../probes/celery/worker-logs.js';
import type { WorkerLogsDetail } from '../../probes/celery/workers.js';
import { createServicesProbe, type ServicesDetail, type UnitStatus } from '../../probes/services.js';
import type { Report } from '../report.js';
import { buildWorkersReport } from './workers-report.js';

/**
 * Reads systemd (the `services` probe; units it does not watch are asked for directly), the worker logs (the
 * `celery-workers` probe) and the queues (the `celery` probe, when the broker is configured), then builds `workers`.
 * A missing part is a note in the report, never a failed command.
 */
export async function collectWorkersReport(services: AppServices, config: Config, now: () => number, log: Logger): Promise<Report> {
  const paths = listWorkerLogs(config.celery);
  const [units, logs, broker] = await Promise.all([
    readUnits(services, paths.map((p) => p.unit), now, log),
    services.probes.read<WorkerLogsDetail>('celery-workers'),
    services.redis ? services.probes.read<BrokerSnapshot>('celery') : Promise.resolve(null),
  ]);
  const workers = paths.map((p) => ({
    unit: p.unit,
    queue: p.queue,
    status: units.byUnit.get(p.unit) ?? null,
    log: logs.ok ? (logs.run.detail.logs.find((l) => l.unit === p.unit)?.state ?? null) : null,
    queueState: broker?.ok ? (broker.run.detail.queues.find((q) => q.queue === p.queue) ?? null) : null,
  }));
  const brokerNote = broker === null ? 'the broker is not configured (set CINEMATA_REDIS_URL)' : broker.ok ? null : broker.error;
  return buildWorkersReport({ workers, brokerNote, systemdNote: units.note, logsNote: logs.ok ? null : logs.error, config, now: now() });
}

async function readUnits(services: AppServices, wanted: string[], now: () => number, log: Logger): Promise<{ byUnit: Map<string, UnitStatus>; note: string | null }> {
  const byUnit = new Map<string, UnitStatus>();
  const reading = await services.probes.read<ServicesDetail>('services');
  let note = reading.ok ? reading.run.detail.unavailableReason : reading.error;
  if (reading.ok) for (const u of reading.run.detail.units) byUnit.set(u.unit.replace(/\.service$/, ''), u);
  const missing = wanted.filter((unit) => !byUnit.has(unit));
  if (missing.length > 0) {
    // Units left out of `services` in the config are still worth one `systemctl show` here.
    try {
      const extra = await createServicesProbe({ units: missing }).collect({ now, log, signal: AbortSignal.timeout(5_000) });
      for (const u of extra.detail.units) byUnit.set(u.unit.replace(/\.service$/, ''), u);
      note ??= extra.detail.unavailableReason;
    } catch (error) {
      note ??= (error as Error).message;
    }
  }
  return { byUnit, note };
}
