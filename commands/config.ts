import { buildConfigReport, defineCommand } from '../src/sdk.js';

export default defineCommand({
  name: 'config',
  summary: 'Show the effective configuration (secrets redacted) and any problems',
  description:
    'Prints the configuration the bot runs with: the environment (tokens redacted, URL passwords masked), thresholds, watched services, roles, channels, on-call and schedules. When the configuration is invalid, lists every problem with its key path instead.',
  examples: ['cinemata-ops config', 'cinemata-ops config --json'],
  options: {},
  // Even redacted, the routing and role map is internal detail.
  role: 'operator',
  async execute(ctx) {
    return buildConfigReport(
      { config: ctx.config, problems: [], configFile: ctx.config.configFile, schedules: ctx.services.schedules },
      ctx.now(),
    );
  },
});
