import { collectLocksReport, defineCommand } from '../src/sdk.js';

export default defineCommand({
  name: 'locks',
  summary: 'Queries waiting for a lock right now, who blocks them, and on which table',
  description:
    'Reads pg_locks and pg_stat_activity live: every query of the CinemataCMS database that waits for a lock, how long it has waited, the lock mode and table it wants, and the session(s) blocking it (pid, state, how long their transaction has been open, their query). The blocker usually holds its lock until its transaction ends; the report says how to end it if it is stuck (the bot itself never does).',
  examples: ['/ops locks'],
  options: {},
  role: 'viewer',
  async execute(ctx) {
    return collectLocksReport(ctx.services, ctx.now);
  },
});
