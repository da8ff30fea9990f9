import type { AlertRecord } from '../store/store.js';

/**
 * Alertmanager's inhibit rule: while an alert matching `source` fires, alerts matching `target` whose `equal`
 * labels have the same values (missing on both counts as the same) are muted. `*` in `equal` means every label
 * except alertname and severity: the same target. An alert matching both sides is never muted by that rule, so
 * two alerts cannot mute each other.
 */
export interface InhibitRule {
  source: Readonly<Record<string, string>>;
  target: Readonly<Record<string, string>>;
  equal: readonly string[];
}

const SAME_TARGET = ['check', '*'];

export const DEFAULT_INHIBIT_RULES: readonly InhibitRule[] = [
  // A firing critical mutes the warning (and info) of the same check on the same target: disk-critical{mount=/}
  // mutes disk-warning{mount=/}, not disk-warning{mount=/data}.
  { source: { severity: 'critical' }, target: { severity: 'warning' }, equal: SAME_TARGET },
  { source: { severity: 'critical' }, target: { severity: 'info' }, equal: SAME_TARGET },
  { source: { severity: 'warning' }, target: { severity: 'info' }, equal: SAME_TARGET },
  // Blind spot: a failing probe mutes what it would have seen (those alerts are held, not resolved, meanwhile).
  { source: { alertname: 'probe-failing' }, target: {}, equal: ['probe'] },
  // Database unreachable mutes the database rules.
  { source: { alertname: 'postgres-down' }, target: { probe: 'postgres' }, equal: [] },
  { source: { alertname: 'service-down', unit: 'postgresql.service' }, target: { probe: 'postgres' }, equal: [] },
  // Broker down mutes the queue, worker and beat rules: none of them can be read or be right.
  { source: { alertname: 'celery-broker-down' }, target: { probe: 'celery' }, equal: [] },
  { source: { alertname: 'service-down', unit: 'redis-server.service' }, target: { probe: 'celery' }, equal: [] },
  // A stopped worker unit is already said by service-down.
  { source: { alertname: 'service-down' }, target: { alertname: 'celery-worker-down' }, equal: ['unit'] },
  // uWSGI or NGINX down: the HTTP error and latency rules say the same thing.
  { source: { alertname: 'service-down', unit: 'mediacms.service' }, target: { probe: 'nginx' }, equal: [] },
  { source: { alertname: 'service-down', unit: 'nginx.service' }, target: { probe: 'nginx' }, equal: [] },
];

function matches(matchers: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  for (const key in matchers) if (labels[key] !== matchers[key]) return false;
  return true;
}

const NOT_TARGET = new Set(['alertname', 'severity']);

function equalKey(equal: readonly string[], labels: Readonly<Record<string, string>>): string {
  const parts: string[] = [];
  for (const name of equal) {
    if (name === '*') {
      for (const key of Object.keys(labels).sort()) if (!NOT_TARGET.has(key) && !equal.includes(key)) parts.push(`${key}=${labels[key]}`);
    } else {
      parts.push(`${name}=${labels[name] ?? ''}`);
    }
  }
  return parts.join('\u0000');
}

/**
 * Which alerts are muted, and by which firing alert: fingerprint → source fingerprint. `alerts` are the alerts
 * to consider (sources must be firing; targets may be pending or firing).
 */
export function computeInhibitions(rules: readonly InhibitRule[], alerts: readonly AlertRecord[]): Map<string, string> {
  const muted = new Map<string, string>();
  for (const rule of rules) {
    const sources = new Map<string, string>();
    for (const alert of alerts) {
      if (alert.status !== 'firing' || !matches(rule.source, alert.labels)) continue;
      const key = equalKey(rule.equal, alert.labels);
      if (!sources.has(key)) sources.set(key, alert.fingerprint);
    }
    if (sources.size === 0) continue;
    for (const alert of alerts) {
      if (muted.has(alert.fingerprint) || alert.status === 'resolved') continue;
      if (!matches(rule.target, alert.labels) || matches(rule.source, alert.labels)) continue;
      const source = sources.get(equalKey(rule.equal, alert.labels));
      if (source !== undefined && source !== alert.fingerprint) muted.set(alert.fingerprint, source);
    }
  }
  return muted;
}
