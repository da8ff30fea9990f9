import { collectQueuesReport, defineCommand } from '../src/sdk.js';

export default defineCommand({
  name: 'queues',
  summary: 'Celery queues: waiting per priority, oldest wait, next to run, what is waiting',
  description:
    'Reads the Celery broker (Redis, read-only, named keys only) for every watched queue: messages waiting summed over kombu\'s priority lists and per priority, how long the oldest has waited (from the enqueued_at header CinemataCMS sets on encodes), which task runs next, the task names in a bounded sample scaled to the whole queue, ETA/countdown messages, and the messages delivered but not acknowledged. Problems come first with what to do: a worker to check or restart (and what a restart costs), a queue nobody consumes, low-resolution encodes waiting behind priority 0.',
  examples: ['/ops queues', '/ops queues --queue long_tasks', 'cinemata-ops queues --json'],
  options: {
    queue: { type: 'string', description: 'only this queue (one of celery.queues in cinemata-ops.yaml)' },
  },
  role: 'viewer',
  async execute(ctx) {
    return collectQueuesReport(ctx.services, ctx.config, ctx.now, ctx.options.queue);
  },
});
