import { collectHealthReport, defineCommand } from '../src/sdk.js';

export default defineCommand({
  name: 'health',
  summary: 'Host and services at a glance, worst first, with what to look at',
  description:
    'Reads CPU, load, memory, swap, every filesystem (space and inodes), disk and network rates, the top processes, and the systemd units of the platform (Celery workers and beat, uWSGI, NGINX, PostgreSQL, Redis). Anything over its threshold is listed first with the next thing to check. Thresholds come from cinemata-ops.yaml.',
  examples: ['/ops health', 'cinemata-ops health --json'],
  options: {},
  role: 'viewer',
  async execute(ctx) {
    return collectHealthReport(ctx.services, ctx.config, ctx.now);
  },
});
