import type { AlertRecord, SilenceRecord } from '../store/store.js';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** `rule` is what people call the alert name; the label is `alertname`, as in Alertmanager. */
const ALIASES: Readonly<Record<string, string>> = { rule: 'alertname' };

export type MatcherParse = { ok: true; matchers: Record<string, string> } | { ok: false; problem: string };

/**
 * Parses `key=value[,key=value]` into label equality matchers. Values may not contain commas; every key at most
 * once. `rule=x` means `alertname=x`.
 */
export function parseMatchers(text: string): MatcherParse {
  const matchers: Record<string, string> = {};
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length === 0 || parts.every((part) => part === '')) return { ok: false, problem: 'no matcher given' };
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, problem: `"${part}" is not key=value` };
    const raw = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!LABEL_NAME.test(raw)) return { ok: false, problem: `"${raw}" is not a label name (letters, digits and _)` };
    if (value === '') return { ok: false, problem: `${raw} has no value (write ${raw}=something)` };
    const key = ALIASES[raw] ?? raw;
    if (matchers[key] !== undefined) return { ok: false, problem: `${raw} is given twice` };
    matchers[key] = value;
  }
  return { ok: true, matchers };
}

export function formatMatchers(matchers: Readonly<Record<string, string>>): string {
  return Object.keys(matchers)
    .sort((a, b) => (a === 'alertname' ? -1 : b === 'alertname' ? 1 : a.localeCompare(b)))
    .map((key) => `${key}=${matchers[key]}`)
    .join(',');
}

/** A silence matches an alert when every matcher equals the alert's label. */
export function silenceMatches(silence: Pick<SilenceRecord, 'matchers'>, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(silence.matchers).every(([key, value]) => labels[key] === value);
}

/** The first active silence that covers the alert. */
export function silenceFor(alert: Pick<AlertRecord, 'labels'>, silences: readonly SilenceRecord[]): SilenceRecord | undefined {
  return silences.find((silence) => silenceMatches(silence, alert.labels));
}

/** The matchers that silence exactly one alert: all its labels (its fingerprint is a hash of the same). */
export function matchersForAlert(alert: Pick<AlertRecord, 'labels'>): Record<string, string> {
  return { ...alert.labels };
}
