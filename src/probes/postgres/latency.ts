import { performance } from 'node:perf_hooks';
import type { PgQuery } from '../../postgres/pg-client.js';

/** `SELECT 1` timed on the client: network, connection and server scheduling, the floor of every page view. */
export async function measureRoundtrip(query: PgQuery): Promise<number> {
  const started = performance.now();
  await query('SELECT 1');
  return performance.now() - started;
}

/**
 * The tsquery CinemataCMS builds for a search box text: every word as a prefix, all required
 * (`climate change` → `climate:* & change:*`, as S1's `to_tsquery('climate:*') && to_tsquery('change:*')`).
 * Anything that is not a letter, digit or underscore is dropped, so the text can never be a tsquery syntax error.
 * Null when no word is left.
 */
export function buildSearchQuery(term: string): string | null {
  const words = term.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
  return words.length === 0 ? null : words.map((w) => `${w}:*`).join(' & ');
}

/**
 * The real /api/v1/search query (MediaSearch.get, shape S1 of cinemata-query-shapes.sql: every column, newest
 * first, the first page of 50), parameterized and timed on the client, rows included.
 */
export async function measureSearch(query: PgQuery, tsquery: string): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  const rows = await query(
    `SELECT files_media.* FROM files_media
      WHERE files_media.is_reviewed AND files_media.state = 'public' AND files_media.search @@ (to_tsquery($1))
      ORDER BY files_media.add_date DESC LIMIT 50 OFFSET 0`,
    [tsquery],
  );
  return { ms: performance.now() - started, rows: rows.length };
}
