import type { RedisReads } from '../redis/redis-reader.js';
import type { BrokerSnapshot, UnackedState } from './broker-snapshot.js';
import { listPriorityKeys, unackedKeys, type KombuLayout } from './kombu-keys.js';
import { planSample } from './sample-plan.js';
import { summariseQueue, type ListReading } from './summarise-queue.js';

export interface BrokerReadOptions {
  queues: readonly string[];
  layout: KombuLayout;
  /** Messages read per queue for the task breakdown (config `celery.sampleSize`). */
  sampleSize: number;
}

/**
 * Reads every configured queue in two round trips, whatever their length: one pipeline of LLEN over all priority
 * lists (plus the unacked count and its oldest entry), then bounded LRANGEs from both ends of the non-empty lists.
 * Read-only, named keys only.
 */
export async function readBroker(redis: RedisReads, options: BrokerReadOptions, now: () => number, target: string): Promise<BrokerSnapshot> {
  const before = redis.commandCount();
  const perQueue = options.queues.map((queue) => ({ queue, lists: listPriorityKeys(queue, options.layout) }));
  const keys = perQueue.flatMap((q) => q.lists.map((l) => l.key));
  const unacked = unackedKeys(options.layout);
  const [lengths, unackedCount, oldestUnacked] = await Promise.all([
    redis.llenMany(keys),
    redis.hlen(unacked.hash),
    redis.zrangeWithScores(unacked.index, 0, 0),
  ]);

  let cursor = 0;
  const reads = perQueue.map(({ queue, lists }) => {
    const depths = lists.map(() => lengths[cursor++] ?? 0);
    const plan = planSample(depths, options.sampleSize);
    return {
      queue,
      lists: lists.map(async (list, i): Promise<ListReading> => {
        const { head, tail } = plan[i] ?? { head: 0, tail: 0 };
        const [headItems, tailItems] = await Promise.all([
          head > 0 ? redis.lrange(list.key, 0, head - 1) : Promise.resolve([]),
          tail > 0 ? redis.lrange(list.key, -tail, -1) : Promise.resolve([]),
        ]);
        return { ...list, depth: depths[i] ?? 0, head: headItems, tail: tailItems };
      }),
    };
  });
  const at = now();
  const queues = await Promise.all(reads.map(async (q) => summariseQueue(q.queue, await Promise.all(q.lists), at)));
  return { target, queues, unacked: describeUnacked(unackedCount, oldestUnacked[0], at), commands: redis.commandCount() - before, collectedAt: at };
}

function describeUnacked(count: number, oldest: [string, number] | undefined, now: number): UnackedState {
  // kombu scores unacked_index with time() at delivery: epoch seconds as a float.
  if (count === 0 || oldest === undefined || !Number.isFinite(oldest[1])) return { count, oldestDeliveredAt: null, oldestAgeSeconds: null };
  const deliveredAt = oldest[1] * 1000;
  return { count, oldestDeliveredAt: deliveredAt, oldestAgeSeconds: Math.max(0, (now - deliveredAt) / 1000) };
}
