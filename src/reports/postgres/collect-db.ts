import type { Config } from '../../config/load-config.js';
import type { AppServices } from '../../dispatch/services.js';
import type { MetricHistory } from '../../history/metric-history.js';
import { seriesKey } from '../../history/series-key.js';
import type { Report } from '../report.js';
import { buildDbReport, type SizeGrowth } from './db-report.js';
import { readPostgresDetail } from './read-postgres.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Change of a series since the start of a window, from history. A window is only answered when history reaches
 * back at least half of it: "+2 GiB in 24 h" measured over 20 minutes would mislead.
 */
function changeOver(history: MetricHistory, key: string, windowMs: number, current: number, end: number): { delta: number; spanMs: number } | null {
  const first = history.range(key, end - windowMs, end)[0];
  if (!first || end - first[0] < windowMs / 2) return null;
  return { delta: current - first[1], spanMs: end - first[0] };
}

/** `db`: the probe's reading (fresh within the sampling interval), growth from history, and the report. */
export async function collectDbReport(services: AppServices, config: Config, now: () => number): Promise<Report> {
  const detail = await readPostgresDetail(services, config, now);
  const end = now();
  const sizeKey = seriesKey('postgres_database_size_bytes', {});
  const growth: SizeGrowth[] = [
    { label: '24 h', windowMs: DAY_MS },
    { label: '7 d', windowMs: 7 * DAY_MS },
  ].map((w) => {
    const change = changeOver(services.history, sizeKey, w.windowMs, detail.stats.sizeBytes, end);
    return { ...w, bytes: change?.delta ?? null, spanMs: change?.spanMs ?? 0 };
  });
  const deadlocks = changeOver(services.history, seriesKey('postgres_deadlocks_total', {}), HOUR_MS, detail.stats.deadlocks, end);
  return buildDbReport({
    detail,
    settings: config.postgres,
    growth,
    sizeHistory: { label: 'size', unit: 'MiB', points: services.history.range(sizeKey, end - 7 * DAY_MS, end).map(([at, bytes]) => [at, bytes / 2 ** 20] as const) },
    // A counter that went down was reset (stats reset, restart): everything since is new.
    deadlocksLastHour: deadlocks === null ? null : deadlocks.delta < 0 ? detail.stats.deadlocks : deadlocks.delta,
    now: end,
  });
}
