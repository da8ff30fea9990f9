import type { AppServices } from '../dispatch/services.js';
import { UserError } from '../errors.js';
import type { RedisReader } from './redis-reader.js';

/** The broker reader, or a clear refusal when the bot was not told where Redis is. */
export function requireRedis(services: AppServices): RedisReader {
  if (services.redis) return services.redis;
  throw new UserError('unavailable', 'the Celery broker (Redis) is not configured', {
    hint: 'set CINEMATA_REDIS_URL, e.g. redis://127.0.0.1:6379/1 (see .env.example)',
  });
}
