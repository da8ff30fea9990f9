const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
type Unit = keyof typeof UNIT_MS;

/** A duration as people write it in config and commands: `500ms`, `15s`, `5m`, `24h`, `30d`, `1w`. */
export type DurationText = `${number}${Unit}`;

const DURATION_RE = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/;

/** Milliseconds, or undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION_RE.exec(text.trim());
  if (!match) return undefined;
  const [, amount, unit] = match;
  return Math.round(Number(amount) * UNIT_MS[unit as Unit]);
}

/** The largest whole unit that fits, e.g. 90_000 → `1.5m`, 86_400_000 → `1d`. */
export function formatDuration(ms: number): string {
  const units: Unit[] = ['w', 'd', 'h', 'm', 's'];
  for (const unit of units) {
    const size = UNIT_MS[unit];
    if (ms >= size) {
      const value = ms / size;
      return `${Number.isInteger(value) ? value : Number(value.toFixed(1))}${unit}`;
    }
  }
  return `${ms}ms`;
}
