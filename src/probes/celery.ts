import type { BrokerSnapshot } from '../celery/broker-snapshot.js';
import type { KombuLayout } from '../celery/kombu-keys.js';
import { readBroker } from '../celery/read-broker.js';
import type { RedisReader } from '../redis/redis-reader.js';
import { buildBrokerSamples } from './celery/broker-samples.js';
import type { Probe } from './probe.js';

export type { BrokerSnapshot, QueueState, UnackedState } from '../celery/broker-snapshot.js';

export interface CeleryProbeOptions {
  redis: RedisReader;
  /** The `celery` section of the config: queues, key layout, sample size. */
  celery: KombuLayout & { queues: readonly string[]; sampleSize: number };
}

/**
 * The Celery broker (Redis), read-only: depth per queue summed over kombu's priority lists, the oldest wait, what
 * runs next, a bounded task breakdown and the unacknowledged messages. An unreachable Redis throws the reader's
 * message ("cannot reach Redis at 127.0.0.1:6379/1: connection refused …"): a blind spot, never a crash.
 *
 * Samples: celery_broker_up (1; a failed read shows as probe_up{probe="celery"} 0), celery_broker_read_commands,
 * celery_queue_depth{queue}, celery_queue_depth_by_priority{queue,priority}, celery_queue_oldest_age_seconds{queue}
 * (when a waiting message carries enqueued_at), celery_queue_eta_messages{queue} and
 * celery_queue_unreadable_messages{queue} (scaled from the sample), celery_unacked_messages,
 * celery_unacked_oldest_age_seconds (when any).
 */
export function createCeleryProbe(options: CeleryProbeOptions): Probe<BrokerSnapshot> {
  const { redis, celery } = options;
  const layout: KombuLayout = { keyPrefix: celery.keyPrefix, prioritySeparator: celery.prioritySeparator, prioritySteps: celery.prioritySteps };
  return {
    id: 'celery',
    description: `Celery broker at ${redis.target}: ${celery.queues.join(', ')}`,
    async collect(ctx) {
      const snapshot = await redis.read((reads) => readBroker(reads, { queues: celery.queues, layout, sampleSize: celery.sampleSize }, ctx.now, redis.target));
      return { samples: buildBrokerSamples(snapshot), detail: snapshot };
    },
  };
}
