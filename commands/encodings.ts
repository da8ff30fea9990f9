import { collectEncodingsReport, defineCommand } from '../src/sdk.js';

export default defineCommand({
  name: 'encodings',
  summary: 'Encoding pipeline: failure rate and causes, stuck and deferred encodes, rate-limit slots, speed and sizes',
  description:
    'Reads files_encoding over a window: encodings finished by status, the failure rate and its trend against the window before, by profile, resolution and codec; failure causes from the FFmpeg log tails, each with an example media and the fix; encodings stuck with no heartbeat; who holds the rate-limit slots (MAX_ENCODING_QUEUE_DEPTH in all, MAX_USER_CONCURRENT_ENCODES per uploader) and whether stuck rows starve the queue; the deferred backlog; encoding speed per resolution; encoded vs original size per profile; media whose "fail" status is not final yet. Worst findings first.',
  examples: ['/ops encodings', '/ops encodings --since 24h', 'cinemata-ops encodings --since 30d --json'],
  options: {
    since: { type: 'duration', description: 'window to look back over; the trend compares with the window before it', default: '7d', min: 3_600_000, max: 90 * 86_400_000 },
  },
  role: 'viewer',
  async execute(ctx) {
    return collectEncodingsReport(ctx.services, ctx.config, ctx.now, ctx.options.since);
  },
});
