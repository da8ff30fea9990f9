import type { BrokerSnapshot } from '../../celery/broker-snapshot.js';
import type { Config } from '../../config/load-config.js';
import type { AppServices } from '../../dispatch/services.js';
import { suggest } from '../../dispatch/suggest.js';
import { UserError } from '../../errors.js';
import { requireRedis } from '../../redis/require-redis.js';
import type { Report } from '../report.js';
import { buildQueuesReport } from './queues-report.js';

/** Reads the broker (through the `celery` probe, fresh enough or now) and builds `queues`. */
export async function collectQueuesReport(services: AppServices, config: Config, now: () => number, queue?: string): Promise<Report> {
  if (queue !== undefined) checkQueueName(queue, config.celery.queues);
  requireRedis(services);
  const reading = await services.probes.read<BrokerSnapshot>('celery');
  if (!reading.ok) {
    throw new UserError('unavailable', reading.error, { hint: 'the broker is a blind spot until Redis answers; the other commands keep working' });
  }
  return buildQueuesReport({ snapshot: reading.run.detail, celery: config.celery, queue, now: now() });
}

/** Only configured queues can be asked for: a typo gets the closest name, and the list of what is watched. */
export function checkQueueName(queue: string, queues: readonly string[]): void {
  if (queues.includes(queue)) return;
  const close = suggest(queue, queues);
  const usage = `usage: queues [--queue NAME]; watched queues: ${queues.join(', ')}`;
  throw new UserError('bad_option', `queues: no watched queue is named "${queue}"`, {
    hint: close === undefined ? usage : `did you mean "${close}"? ${usage}`,
  });
}
