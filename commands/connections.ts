import { collectConnectionsReport, defineCommand } from '../src/sdk.js';

export default defineCommand({
  name: 'connections',
  summary: 'PostgreSQL connections by state, application and client, against max_connections',
  description:
    'Reads pg_stat_activity live: connections by state against max_connections, grouped by application, client address, user and database, and every session idle inside an open transaction with how long it has been idle and how old its transaction is. Use it when the logs say "too many clients" or something holds locks.',
  examples: ['/ops connections'],
  options: {},
  role: 'viewer',
  async execute(ctx) {
    return collectConnectionsReport(ctx.services, ctx.config, ctx.now);
  },
});
