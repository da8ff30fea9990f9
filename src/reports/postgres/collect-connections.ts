import type { Config } from '../../config/load-config.js';
import type { AppServices } from '../../dispatch/services.js';
import { requirePostgres } from '../../postgres/require-postgres.js';
import { readConnections, readIdleInTransaction, readLongQueries } from '../../probes/postgres/activity.js';
import { readConnectionSources } from '../../probes/postgres/connection-sources.js';
import type { Report } from '../report.js';
import { buildConnectionsReport } from './connections-report.js';

/** `connections` reads live: who holds the slots now is the question when "too many clients" is in the logs. */
export async function collectConnectionsReport(services: AppServices, config: Config, now: () => number): Promise<Report> {
  const input = await requirePostgres(services).readOnly(async (query) => {
    const [who] = await query<{ database: string; role: string }>('SELECT current_database() AS database, current_user AS role');
    return {
      database: who?.database ?? '',
      role: who?.role ?? '',
      summary: await readConnections(query),
      sources: await readConnectionSources(query),
      idleInTransaction: await readIdleInTransaction(query),
      longQueries: await readLongQueries(query, config.postgres.longQuery),
    };
  });
  return buildConnectionsReport({ ...input, settings: config.postgres, now: now() });
}
