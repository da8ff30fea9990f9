import { defineCommand, showAlerts } from '../src/sdk.js';

export default defineCommand({
  name: 'alerts',
  summary: 'Firing and pending alerts, worst first, with age and ack/silence state',
  description:
    'Lists every firing and pending alert: its id (the first characters of its fingerprint), severity, what fired, for how long, and whether it is acknowledged, silenced, inhibited by another alert or flapping. With an alert id or a rule id, shows that alert in full with its runbook and the buttons to acknowledge or silence it.',
  examples: ['/ops alerts', '/ops alerts 3f2a9c1b', '/ops alerts disk-critical'],
  options: {
    alert: { type: 'string', positional: true, description: 'an alert id (or a unique prefix) or a rule id' },
  },
  role: 'viewer',
  async execute(ctx) {
    return showAlerts(ctx.services.store, ctx.config, ctx.now(), ctx.options.alert);
  },
});
