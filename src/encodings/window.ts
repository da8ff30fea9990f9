/** A half-open time range [start, end) in epoch ms. */
export interface TimeWindow {
  start: number;
  end: number;
}

/** The window of `lengthMs` ending at `now`, and the one of equal length just before it (for trends). */
export function windowsEndingAt(now: number, lengthMs: number): { current: TimeWindow; previous: TimeWindow } {
  return {
    current: { start: now - lengthMs, end: now },
    previous: { start: now - 2 * lengthMs, end: now - lengthMs },
  };
}

/** As a bind parameter: timestamptz text, so the bot's clock (not the database's) defines "now" and tests can fix it. */
export function toTimestampParam(ms: number): string {
  return new Date(ms).toISOString();
}

/** "7d", "24h", "90m": how people write windows, where formatDuration() would say "1w" and "1d". */
export function formatWindow(ms: number): string {
  const day = 86_400_000;
  if (ms >= 2 * day && ms % day === 0) return `${ms / day}d`;
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 1000)}s`;
}
