import { collectEncodingDetailReport, defineCommand } from '../src/sdk.js';

export default defineCommand({
  name: 'encoding',
  summary: 'One encoding by id, or every encoding of a media by friendly_token, with the failure explained',
  description:
    'Shows status, profile, attempt, heartbeat age, run time and size of one files_encoding row (by its numeric id) or of every encoding of a media (by its friendly_token, as in /view?m=<token>). A failed encoding gets its FFmpeg log tail classified (what happened, the fix, the raw tail) and the next steps of the "debugging failed encodings" runbook, in order; a stuck one gets the checks that tell a live task from an orphaned row.',
  examples: ['/ops encoding 81234', '/ops encoding Xk3vP9a2Q', 'cinemata-ops encoding Xk3vP9a2Q --json'],
  options: {
    target: { type: 'string', description: 'an encoding id (digits) or a media friendly_token (1–12 letters and digits)', positional: true, required: true },
  },
  role: 'viewer',
  async execute(ctx) {
    return collectEncodingDetailReport(ctx.services, ctx.config, ctx.now, ctx.options.target);
  },
});
