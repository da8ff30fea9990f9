/** Reports show this much of a statement; the rest is in pg_stat_statements (and in --json, the same 200). */
export const QUERY_TEXT_CHARS = 200;

/** "0.42 ms", "12.3 ms", "842 ms", "3.4 s", "12.5 min", "2.1 h": database time at a glance. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 1_000) return `${ms.toFixed(0)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** One line of SQL: whitespace collapsed, cut at QUERY_TEXT_CHARS with an ellipsis. */
export function shortenQuery(text: string | undefined, queryid: string): string {
  if (text === undefined) return `(text not available, queryid ${queryid})`;
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > QUERY_TEXT_CHARS ? `${line.slice(0, QUERY_TEXT_CHARS - 1)}…` : line;
}

/** `2026-12-04 09:00 UTC`. */
export function formatUtc(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A window's length as people say it: `42 min`, `24 h`, `7 days`, `6.5 days`. */
export function formatSpan(ms: number): string {
  const round1 = (n: number): string => String(Number(n.toFixed(1)));
  if (ms < 3_600_000) return `${Math.max(0, Math.round(ms / 60_000))} min`;
  if (ms <= 48 * 3_600_000) return `${round1(ms / 3_600_000)} h`;
  return `${round1(ms / 86_400_000)} days`;
}

/** `1 regression`, `3 regressions`. */
export function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}
