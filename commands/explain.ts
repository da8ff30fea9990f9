import { collectExplainReport, defineCommand, EXPLAIN_TARGETS } from '../src/sdk.js';

export default defineCommand({
  name: 'explain',
  summary: "EXPLAIN ANALYZE of CinemataCMS's real search, listing or recommendation query, with advice",
  description: `Runs the query CinemataCMS runs for a page (${EXPLAIN_TARGETS.join(', ')}) under EXPLAIN (ANALYZE, BUFFERS) in a read-only transaction with postgres.explainTimeout, then reports the time (planning + execution), the indexes used, sequential scans of big tables, row estimates off by 10× or more, buffers read versus hit, sorts spilling to disk, and what to do. search and search-count take a term (default postgres.searchTerm), built into to_tsquery the way /api/v1/search does; related and recommended take their ids from the first public media.`,
  examples: ['/ops explain search', 'cinemata-ops explain search "climate change"', 'cinemata-ops explain recommended'],
  options: {
    target: { type: 'string', description: `what to explain: ${EXPLAIN_TARGETS.join(', ')}`, positional: true, required: true },
    term: { type: 'string', description: 'search term: letters, digits, spaces and hyphens, at most 100 characters', positional: true },
  },
  // Unlike the other diagnostics, EXPLAIN ANALYZE runs the query itself: real load on the database, if bounded.
  role: 'operator',
  async execute(ctx) {
    return collectExplainReport(ctx, { target: ctx.options.target, term: ctx.options.term });
  },
});
