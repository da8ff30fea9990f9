import type { Config } from '../../config/load-config.js';
import type { AppServices } from '../../dispatch/services.js';
import { UserError } from '../../errors.js';
import { requirePostgres } from '../../postgres/require-postgres.js';
import type { PostgresDetail } from '../../probes/postgres.js';
import { collectPostgresDetail } from '../../probes/postgres/collect.js';

/**
 * The postgres probe's reading, at most `maxAgeMs` old (default: the sampling interval), so `db` and the sampler
 * share one run. Refuses clearly when PostgreSQL is not configured, and turns a failed reading (the blind spot the
 * runner recorded) into an `unavailable` answer. Where the app runs without the probe (a test, a custom probe
 * set), it reads directly.
 */
export async function readPostgresDetail(services: AppServices, config: Config, now: () => number, maxAgeMs?: number): Promise<PostgresDetail> {
  const client = requirePostgres(services);
  if (!services.probes.ids().includes('postgres')) return collectPostgresDetail(client, config.postgres, now);
  const reading = await services.probes.read<PostgresDetail>('postgres', { maxAgeMs });
  if (reading.ok) return reading.run.detail;
  throw new UserError('unavailable', reading.error, {
    hint: 'the bot cannot see PostgreSQL until this is fixed: check that it runs (systemctl status postgresql) and that CINEMATA_DATABASE_URL is right',
  });
}
