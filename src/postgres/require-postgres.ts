import type { AppServices } from '../dispatch/services.js';
import { UserError } from '../errors.js';
import type { PgClient } from './pg-client.js';

/** The PostgreSQL client, or a clear refusal when the bot was not told where the database is. */
export function requirePostgres(services: AppServices): PgClient {
  if (services.postgres) return services.postgres;
  throw new UserError('unavailable', 'PostgreSQL is not configured', {
    hint: 'set CINEMATA_DATABASE_URL, e.g. postgres://cinemata_ops@127.0.0.1:5432/mediacms (see .env.example)',
  });
}
