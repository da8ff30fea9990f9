import { buildOncallReport, defineCommand } from '../src/sdk.js';

export default defineCommand({
  name: 'oncall',
  summary: 'Who is on call now and next, handoffs, overrides and escalation policies',
  description:
    'Shows the primary and secondary on-call now (overrides first, then the weekly rotation) and until when, the next handoffs, the active and upcoming overrides, the contacts, the escalation policies (wait, then who is emailed) and the escalations under way. Configured under oncall in cinemata-ops.yaml.',
  examples: ['/ops oncall', 'cinemata-ops oncall --shifts 8'],
  options: {
    shifts: { type: 'integer', description: 'How many weekly shifts to list, the current one first', default: 4, min: 1, max: 52 },
  },
  role: 'viewer',
  async execute(ctx) {
    return buildOncallReport({ config: ctx.config, store: ctx.services.store, now: ctx.now(), shifts: ctx.options.shifts });
  },
});
