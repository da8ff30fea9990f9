import { defineCommand, formatDuration } from '../src/sdk.js';

export default defineCommand({
  name: 'version',
  summary: 'Show the bot version, runtime and where it keeps its state',
  description: 'Shows the cinemata-ops version, the Node.js runtime, how long this process has run and where its store and log live.',
  options: {},
  role: 'viewer',
  async execute(ctx) {
    const now = ctx.now();
    return {
      title: `cinemata-ops ${ctx.services.version}`,
      severity: 'info',
      sections: [
        {
          blocks: [
            {
              kind: 'fields',
              fields: [
                { label: 'version', value: ctx.services.version },
                { label: 'node', value: process.version },
                { label: 'platform', value: `${process.platform}/${process.arch}` },
                { label: 'process uptime', value: formatDuration(Math.max(0, now - ctx.services.startedAt)) },
                { label: 'store', value: ctx.config.env.CINEMATA_OPS_DB },
                { label: 'log file', value: ctx.config.env.CINEMATA_OPS_LOG_FILE },
              ],
            },
          ],
        },
      ],
      generatedAt: now,
    };
  },
});
