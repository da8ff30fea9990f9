import { acknowledge, defineCommand } from '../src/sdk.js';

export default defineCommand({
  name: 'ack',
  summary: 'Acknowledge an alert: stops its reminders and escalation',
  description:
    'Records who acknowledged the alert and when (also in the audit log). Reminders and email escalation stop for this firing; the alert stays in `alerts` until it resolves, and its next firing starts unacknowledged. Name it by its id (or a unique prefix of at least 4 characters) or by its rule id when the rule has one alert; --all acknowledges every alert of a rule.',
  examples: ['/ops ack 3f2a9c1b', '/ops ack disk-critical', '/ops ack disk-warning --all --note "resizing tonight"'],
  options: {
    alert: { type: 'string', positional: true, required: true, description: 'alert id, unique id prefix, or rule id' },
    all: { type: 'boolean', default: false, description: 'acknowledge every active alert of the rule' },
    note: { type: 'string', default: '', description: 'a note kept with the acknowledgement' },
  },
  role: 'operator',
  async execute(ctx) {
    const actor = { id: `${ctx.invocation.platform}:${ctx.invocation.user.id}`, now: ctx.now() };
    return acknowledge(ctx.services.store, ctx.options.alert, { all: ctx.options.all, note: ctx.options.note }, actor);
  },
});
