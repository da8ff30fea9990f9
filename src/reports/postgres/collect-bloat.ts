import type { Config } from '../../config/load-config.js';
import type { AppServices } from '../../dispatch/services.js';
import { requirePostgres } from '../../postgres/require-postgres.js';
import { readTableMaintenance } from '../../probes/postgres/tables.js';
import { readAutovacuumSettings, readVacuumProgress } from '../../probes/postgres/vacuum-progress.js';
import type { Report } from '../report.js';
import { buildBloatReport } from './bloat-report.js';

/** `bloat` reads live, so a VACUUM just run (or running) shows at once. */
export async function collectBloatReport(services: AppServices, config: Config, now: () => number): Promise<Report> {
  const thresholds = { deadTuplePercent: config.postgres.deadTuplePercent, deadTupleMinimum: config.postgres.deadTupleMinimum };
  const input = await requirePostgres(services).readOnly(async (query) => {
    const [who] = await query<{ database: string }>('SELECT current_database() AS database');
    return {
      database: who?.database ?? '',
      tables: await readTableMaintenance(query, thresholds),
      vacuums: await readVacuumProgress(query),
      autovacuum: await readAutovacuumSettings(query),
    };
  });
  return buildBloatReport({ ...input, thresholds, now: now() });
}
