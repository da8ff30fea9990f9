import { defineCommand, endSilence } from '../src/sdk.js';

export default defineCommand({
  name: 'unsilence',
  summary: 'End a silence now',
  description: 'Ends an active silence (its id from `silences`, or a unique prefix); matching alerts notify again from the next evaluation. Audited.',
  examples: ['/ops unsilence 9c41e0aa'],
  options: {
    id: { type: 'string', positional: true, required: true, description: 'silence id or a unique prefix' },
  },
  role: 'operator',
  async execute(ctx) {
    return endSilence(ctx.services.store, ctx.options.id, { id: `${ctx.invocation.platform}:${ctx.invocation.user.id}`, now: ctx.now() });
  },
});
