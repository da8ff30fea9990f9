import { collectDbReport, defineCommand } from '../src/sdk.js';

export default defineCommand({
  name: 'db',
  summary: 'PostgreSQL at a glance, worst first: locks, long transactions, connections, vacuum, indexes, latency',
  description:
    "Reads CinemataCMS's PostgreSQL the way PgHero does: blocked queries and their blockers, long-running and idle-in-transaction sessions, connections against max_connections, transaction ID wraparound, sequences near overflow, deadlocks, tables with many dead tuples, missing, unused, duplicate and invalid indexes, cache hit rates, the round trip and the real search query's latency, and the database size with its growth over 24 h and 7 days. Problems come first, each with what to do. Thresholds are in the postgres: section of cinemata-ops.yaml; locks, connections, bloat and indexes show each part in detail.",
  examples: ['/ops db', 'cinemata-ops db --json'],
  options: {},
  role: 'viewer',
  async execute(ctx) {
    return collectDbReport(ctx.services, ctx.config, ctx.now);
  },
});
