import type { BrokerSnapshot } from '../../celery/broker-snapshot.js';
import type { Sample } from '../probe.js';

/** The broker snapshot as metric samples; labels are configured queue names and priority steps, both bounded. */
export function buildBrokerSamples(snapshot: BrokerSnapshot): Sample[] {
  const at = snapshot.collectedAt;
  const samples: Sample[] = [
    { metric: 'celery_broker_up', labels: {}, value: 1, at },
    { metric: 'celery_broker_read_commands', labels: {}, value: snapshot.commands, at },
    { metric: 'celery_unacked_messages', labels: {}, value: snapshot.unacked.count, at },
  ];
  if (snapshot.unacked.oldestAgeSeconds !== null) {
    samples.push({ metric: 'celery_unacked_oldest_age_seconds', labels: {}, value: snapshot.unacked.oldestAgeSeconds, at });
  }
  for (const q of snapshot.queues) {
    const queue = { queue: q.queue };
    samples.push({ metric: 'celery_queue_depth', labels: queue, value: q.depth, at });
    for (const list of q.lists) {
      samples.push({ metric: 'celery_queue_depth_by_priority', labels: { queue: q.queue, priority: String(list.step) }, value: list.depth, at });
    }
    // An empty queue has waited for nothing: 0, so a rule sees the wait end rather than a vanished series.
    if (q.oldest !== null || q.depth === 0) samples.push({ metric: 'celery_queue_oldest_age_seconds', labels: queue, value: q.oldest?.ageSeconds ?? 0, at });
    samples.push({ metric: 'celery_queue_eta_messages', labels: queue, value: q.sample.eta.estimated, at });
    samples.push({ metric: 'celery_queue_unreadable_messages', labels: queue, value: q.sample.unreadable.estimated, at });
  }
  return samples;
}
