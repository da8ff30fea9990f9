import { createSilence, defineCommand } from '../src/sdk.js';

export default defineCommand({
  name: 'silence',
  summary: 'Mute notifications for matching alerts for a while, with a reason',
  description:
    'Creates a silence: alerts whose labels match keep being tracked and listed, but no notification, reminder or escalation goes out until it ends. The matcher is key=value[,key=value] (rule=<rule id>, mount=/data, unit=nginx.service, probe=postgres, severity=warning …), an alert id (exactly that alert) or a rule id (every alert of the rule). The duration is 1m to alerting.maxSilence (30d by default). The reason is the rest of the line. Audited.',
  examples: ['/ops silence 3f2a9c1b 1h "known, fixing"', '/ops silence mount=/data 2h "resizing the volume"', '/ops silence probe=postgres,severity=warning 30m "DB maintenance"'],
  options: {
    matcher: { type: 'string', positional: true, required: true, description: 'key=value[,key=value], an alert id, or a rule id' },
    duration: { type: 'duration', positional: true, required: true, min: 60_000, description: 'how long, e.g. 30m, 2h, 1d' },
    reason: { type: 'string', positional: true, rest: true, required: true, description: 'why (the rest of the line)' },
  },
  role: 'operator',
  async execute(ctx) {
    const actor = { id: `${ctx.invocation.platform}:${ctx.invocation.user.id}`, now: ctx.now() };
    const { matcher, duration, reason } = ctx.options;
    return createSilence(ctx.services.store, { matcher, durationMs: duration, reason, maxMs: ctx.config.alerting.maxSilence }, actor);
  },
});
