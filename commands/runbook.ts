import { defineCommand, showRunbook } from '../src/sdk.js';

export default defineCommand({
  name: 'runbook',
  summary: 'What to do: the runbook of an alert, a rule or a topic',
  description:
    'Shows the concrete steps for a topic (celery, celery-queue, celery-restart, encodings, encodings-failed, rollback, disk, postgres …), a rule id, or an alert id. Without an argument, lists the topics and rules.',
  examples: ['/ops runbook', '/ops runbook rollback', '/ops runbook disk-critical', '/ops runbook 3f2a9c1b'],
  options: {
    topic: { type: 'string', positional: true, description: 'topic, rule id or alert id' },
  },
  role: 'viewer',
  async execute(ctx) {
    return showRunbook(ctx.services.store, ctx.config, ctx.now(), ctx.options.topic);
  },
});
