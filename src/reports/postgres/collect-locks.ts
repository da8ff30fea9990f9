import type { AppServices } from '../../dispatch/services.js';
import { requirePostgres } from '../../postgres/require-postgres.js';
import { readBlockedQueries } from '../../probes/postgres/blocking.js';
import { readSessionLocks } from '../../probes/postgres/session-locks.js';
import type { Report } from '../report.js';
import { buildLocksReport } from './locks-report.js';

/** `locks` reads live: a lock wait seconds old in a cached reading may be over, or may be the outage. */
export async function collectLocksReport(services: AppServices, now: () => number): Promise<Report> {
  const input = await requirePostgres(services).readOnly(async (query) => {
    const blocked = await readBlockedQueries(query);
    const pids = [...new Set(blocked.flatMap((b) => [b.pid, ...b.blockers.map((x) => x.pid)]))];
    const locks = await readSessionLocks(query, pids);
    const [row] = await query<{ database: string }>('SELECT current_database() AS database');
    return { database: row?.database ?? '', blocked, locks };
  });
  return buildLocksReport({ ...input, now: now() });
}
