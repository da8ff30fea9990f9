import { collectWorkersReport, defineCommand } from '../src/sdk.js';

export default defineCommand({
  name: 'workers',
  summary: 'Celery workers and beat: systemd state, last log line, beat freshness, queue drained',
  description:
    'For celery_long, celery_short, celery_whisper and celery_beat: the systemd state, restarts and since when, how long ago each wrote its last log line, when beat last sent a due task, whether a rotated log is still being written, and the queue each worker consumes with its depth and oldest wait. A worker whose queue waits while its log stays silent is flagged as possibly hung, with the command to see what it runs and the restart step with its cost (every running encode on the host is killed).',
  examples: ['/ops workers', 'cinemata-ops workers --json'],
  options: {},
  role: 'viewer',
  async execute(ctx) {
    return collectWorkersReport(ctx.services, ctx.config, ctx.now, ctx.log);
  },
});
