import { hostname } from 'node:os';
import type { Config } from '../../config/load-config.js';
import type { AppServices } from '../../dispatch/services.js';
import { seriesKey } from '../../history/series-key.js';
import type { HostDetail } from '../../probes/host.js';
import type { ServicesDetail } from '../../probes/services.js';
import type { Report, Series } from '../report.js';
import { buildHealthReport } from './health-report.js';

const TREND_WINDOW_MS = 3_600_000;

/** Reads host and services (fresh enough, or now) and builds the health report. Shared by `health` and schedules. */
export async function collectHealthReport(services: AppServices, config: Config, now: () => number): Promise<Report> {
  const [host, units] = await Promise.all([
    services.probes.read<HostDetail>('host'),
    services.probes.read<ServicesDetail>('services'),
  ]);
  const end = now();
  const trends: Series[] = [
    { label: 'CPU', unit: '%', points: services.history.range(seriesKey('host_cpu_percent', {}), end - TREND_WINDOW_MS, end) },
    { label: 'memory', unit: '%', points: services.history.range(seriesKey('host_memory_used_percent', {}), end - TREND_WINDOW_MS, end) },
  ];
  return buildHealthReport({ hostname: hostname(), host, services: units, thresholds: config.thresholds, trends, now: end });
}
