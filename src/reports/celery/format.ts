import { formatAge } from '../health/format.js';

export { formatAge } from '../health/format.js';

/** `12,345`: message and task counts at a glance. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** `1 message`, `12,345 messages`. */
export function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${Math.round(n) === 1 ? '' : 's'}`;
}

/** `15m 0s`, `≥ 15m 0s` for a lower bound, or a reason when the age is unknown. */
export function formatWait(ageSeconds: number | null | undefined, atLeast = false): string {
  if (ageSeconds === null || ageSeconds === undefined) return 'n/a';
  return `${atLeast ? '≥ ' : ''}${formatAge(ageSeconds)}`;
}

/** `3m 12s ago`, or `never`. */
export function formatAgo(at: number | null, now: number): string {
  return at === null ? 'never' : `${formatAge((now - at) / 1_000)} ago`;
}

/** Run times: `85 µs`, `0.40 s`, `2m 5s`. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return 'n/a';
  if (seconds < 0.001) return `${Math.round(seconds * 1_000_000)} µs`;
  if (seconds < 1) return `${(seconds * 1_000).toFixed(0)} ms`;
  if (seconds < 60) return `${seconds.toFixed(2)} s`;
  return formatAge(seconds);
}

/** `12.5%` for rates, `0%` when nothing failed. */
export function formatRate(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return 'n/a';
  const percent = ratio * 100;
  if (percent === 0) return '0%';
  return `${percent >= 10 ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

/** One line for chat: whitespace folded, at most `limit` characters. */
export function clip(text: string, limit: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > limit ? `${line.slice(0, limit - 1)}…` : line;
}

/** `warning`/`critical` when a value reaches its threshold, else undefined. */
export function levelOf(value: number | null | undefined, pair: { warning: number; critical: number }): 'warning' | 'critical' | undefined {
  if (value === null || value === undefined || !Number.isFinite(value)) return undefined;
  if (value >= pair.critical) return 'critical';
  if (value >= pair.warning) return 'warning';
  return undefined;
}
