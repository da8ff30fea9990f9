import type { Config } from '../../config/load-config.js';
import type { AppServices } from '../../dispatch/services.js';
import { requirePostgres } from '../../postgres/require-postgres.js';
import { readDatabaseStats } from '../../probes/postgres/database-stats.js';
import type { DegradedCheck } from '../../probes/postgres/detail.js';
import { readIndexHealth } from '../../probes/postgres/indexes.js';
import { readLeadingIndexes } from '../../probes/postgres/leading-indexes.js';
import { readMissingIndexes } from '../../probes/postgres/read-missing-indexes.js';
import type { Report } from '../report.js';
import { ADVICE_COLUMNS, ADVICE_TABLE } from './cinemata-index-advice.js';
import { buildIndexesReport } from './indexes-report.js';

/** `indexes` reads live: it is asked right after an index was added or dropped. */
export async function collectIndexesReport(services: AppServices, config: Config, now: () => number): Promise<Report> {
  const input = await requirePostgres(services).readOnly(async (query) => {
    const degraded: DegradedCheck[] = [];
    const [who] = await query<{ database: string }>('SELECT current_database() AS database');
    return {
      database: who?.database ?? '',
      health: await readIndexHealth(query, config.postgres.unusedIndexMegabytes),
      missing: await readMissingIndexes(query, degraded),
      statsResetAt: (await readDatabaseStats(query)).statsResetAt,
      advice: await readLeadingIndexes(query, ADVICE_TABLE, ADVICE_COLUMNS),
      degraded,
    };
  });
  return buildIndexesReport({ ...input, unusedIndexMegabytes: config.postgres.unusedIndexMegabytes, now: now() });
}
