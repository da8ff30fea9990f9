import { createHash } from 'node:crypto';

/** Characters of the fingerprint people type (`ack 3f2a9c1b`): 8 hex digits, 4 billion values. */
export const SHORT_ID_LENGTH = 8;

/**
 * The identity of an alert: its rule and its labels, sorted so the order a probe built them in does not matter.
 * 16 hex digits of SHA-256: stable across restarts and versions, short enough to read.
 */
export function alertFingerprint(ruleId: string, labels: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256').update(ruleId);
  for (const name of Object.keys(labels).sort()) hash.update(`\u0000${name}\u0001${labels[name]}`);
  return hash.digest('hex').slice(0, 16);
}

export function shortId(fingerprint: string): string {
  return fingerprint.slice(0, SHORT_ID_LENGTH);
}

/** Labels every alert carries that say what it is rather than where; lists show the others. */
export const STANDARD_LABELS: ReadonlySet<string> = new Set(['alertname', 'severity', 'check', 'probe']);

/** `mount=/ unit=nginx.service`: the labels that tell alerts of one rule apart. */
export function describeTarget(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .filter((name) => !STANDARD_LABELS.has(name))
    .sort()
    .map((name) => `${name}=${labels[name]}`)
    .join(' ');
}
