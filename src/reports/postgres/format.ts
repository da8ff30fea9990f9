import { formatAge } from '../health/format.js';

export { formatAge, formatBytes, formatPercent } from '../health/format.js';

/** Query texts in chat: one line, at most this many characters (the probe keeps more). */
export const CHAT_QUERY_LIMIT = 200;

export function shortQuery(text: string | null | undefined, limit = CHAT_QUERY_LIMIT): string {
  const line = (text ?? '').replace(/\s+/g, ' ').trim();
  if (line === '') return '(no query)';
  return line.length > limit ? `${line.slice(0, limit - 1)}…` : line;
}

/** `0.8 ms`, `42 ms`, `1.3 s`. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return 'n/a';
  if (ms >= 1_000) return `${(ms / 1_000).toFixed(1)} s`;
  return ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

/** `12 345`: counts of rows and tuples read at a glance. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** `3d 4h ago`, or `never`. */
export function formatSince(at: number | null, now: number): string {
  return at === null ? 'never' : `${formatAge((now - at) / 1_000)} ago`;
}

/** ISO date and minute in UTC, for "statistics since". */
export function formatTimestamp(at: number): string {
  return new Date(at).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}
