import { buildSilencesReport, defineCommand } from '../src/sdk.js';

export default defineCommand({
  name: 'silences',
  summary: 'Active silences: what they match, who set them, why, and how long is left',
  description: 'Lists every active silence with its id (for unsilence), its matchers, author, reason, time left and how many active alerts it covers now.',
  examples: ['/ops silences'],
  options: {},
  role: 'viewer',
  async execute(ctx) {
    const now = ctx.now();
    return buildSilencesReport(ctx.services.store.listActiveSilences(now), ctx.services.store.listAlerts(), now);
  },
});
