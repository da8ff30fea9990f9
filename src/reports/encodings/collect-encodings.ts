import type { Config } from '../../config/load-config.js';
import type { AppServices } from '../../dispatch/services.js';
import { collectEncodingsOverview } from '../../encodings/overview.js';
import { requirePostgres } from '../../postgres/require-postgres.js';
import type { Report } from '../report.js';
import { buildEncodingsReport } from './encodings-report.js';

/** Reads the encoding pipeline over the `windowMs` before now and builds the `encodings` report. */
export async function collectEncodingsReport(services: AppServices, config: Config, now: () => number, windowMs: number): Promise<Report> {
  const overview = await collectEncodingsOverview(requirePostgres(services), { now: now(), windowMs, limits: config.encodings, scope: 'full' });
  return buildEncodingsReport(overview);
}
