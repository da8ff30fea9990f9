import { suggest } from '../dispatch/suggest.js';
import { UserError } from '../errors.js';
import type { AlertRecord } from '../store/store.js';
import { shortId } from './fingerprint.js';

/**
 * Finds alerts by what people type: a prefix of the fingerprint (at least 4 hex digits, as shown in `alerts`) or
 * a rule id. Several matches are returned for a rule id; the caller decides whether that is allowed.
 */
export function matchAlerts(alerts: readonly AlertRecord[], query: string): AlertRecord[] {
  const q = query.trim().toLowerCase();
  if (/^[0-9a-f]{4,16}$/.test(q)) {
    const byId = alerts.filter((alert) => alert.fingerprint.startsWith(q));
    if (byId.length > 0) return byId;
  }
  return alerts.filter((alert) => alert.ruleId === q);
}

/** Exactly one alert, or a UserError: `not_found` with a suggestion, or `bad_option` naming the candidates. */
export function findOneAlert(alerts: readonly AlertRecord[], query: string, usage: string): AlertRecord {
  const found = matchAlerts(alerts, query);
  if (found.length === 1) return found[0] as AlertRecord;
  if (found.length === 0) throw notFound(alerts, query);
  const ids = found.slice(0, 5).map((alert) => `${shortId(alert.fingerprint)} (${alert.summary})`);
  throw new UserError('bad_option', `"${query}" matches ${found.length} alerts: ${ids.join(', ')}${found.length > 5 ? ', …' : ''}`, {
    hint: `name one by its id, e.g. ${usage} ${shortId((found[0] as AlertRecord).fingerprint)}`,
  });
}

export function notFound(alerts: readonly AlertRecord[], query: string): UserError {
  const candidates = [...new Set([...alerts.map((alert) => alert.ruleId), ...alerts.map((alert) => shortId(alert.fingerprint))])];
  const close = suggest(query, candidates);
  return new UserError('not_found', `no active alert matches "${query}"`, {
    hint: close !== undefined ? `did you mean "${close}"?` : 'see the ids with: alerts',
  });
}
