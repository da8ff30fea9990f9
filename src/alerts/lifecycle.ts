import type { AlertRecord } from '../store/store.js';

/**
 * The state machine of one alert, as pure functions from record to record:
 *
 *   (none|resolved) --raised--> pending --raised for `for`--> firing --not held--> resolved
 *                                  └──────not raised──────> resolved (cleared, never fired: nobody is told)
 *
 * `raised` compares with the threshold, `held` with the clear threshold (hysteresis), so a firing alert stays
 * firing in the band between them while a pending one needs the threshold itself.
 */

export interface AlertIdentity {
  fingerprint: string;
  ruleId: string;
  severity: AlertRecord['severity'];
  labels: Record<string, string>;
}

export interface Reading {
  value: number;
  summary: string;
}

export function isActive(alert: AlertRecord): boolean {
  return alert.status === 'pending' || alert.status === 'firing';
}

/** A new incident. The previous record of the same fingerprint (resolved) passes on its flapping history only. */
export function openAlert(identity: AlertIdentity, previous: AlertRecord | undefined, reading: Reading, now: number, forMs: number): AlertRecord {
  const fires = forMs <= 0;
  const alert: AlertRecord = {
    ...identity,
    status: fires ? 'firing' : 'pending',
    summary: reading.summary,
    value: reading.value,
    startsAt: now,
    updatedAt: now,
    firedAt: fires ? now : null,
    resolvedAt: null,
    lastNotifiedAt: previous?.lastNotifiedAt ?? null,
  };
  const transitions = [...(previous?.transitions ?? []), ...(fires ? [now] : [])];
  if (transitions.length > 0) alert.transitions = transitions;
  if (previous?.flapping) alert.flapping = true;
  // Back before its resolve notice went out: channels were told "firing" (or "flapping") and nothing since, so
  // that is still what they know, and firing again is no news.
  if (previous?.notifiedState === 'firing' || previous?.notifiedState === 'flapping') alert.notifiedState = previous.notifiedState;
  return alert;
}

/** The next state of an active alert given this evaluation's condition. */
export function continueAlert(alert: AlertRecord, condition: { raised: boolean; held: boolean }, reading: Reading, now: number, forMs: number): AlertRecord {
  if (alert.status === 'pending') {
    if (!condition.raised) return endAlert(alert, now);
    const next = { ...alert, value: reading.value, summary: reading.summary };
    if (now - alert.startsAt < forMs) return next;
    return { ...next, status: 'firing', firedAt: now, updatedAt: now, transitions: [...(alert.transitions ?? []), now] };
  }
  if (alert.status === 'firing' && !condition.held) return endAlert({ ...alert, value: reading.value }, now);
  return { ...alert, value: reading.value, summary: reading.summary };
}

/** The condition is gone (or its series is): a firing alert resolves, a pending one is cleared. */
export function endAlert(alert: AlertRecord, now: number): AlertRecord {
  const fired = alert.status === 'firing';
  const ended: AlertRecord = { ...alert, status: 'resolved', resolvedAt: now, updatedAt: now };
  if (fired) ended.transitions = [...(alert.transitions ?? []), now];
  return ended;
}

/**
 * Flapping: at least `changes` firing/resolving transitions within `window` ms. It ends when at most half that
 * many remain in the window, so an alert near the limit does not flap in and out of flapping.
 */
export function updateFlapping(alert: AlertRecord, now: number, settings: { window: number; changes: number }): AlertRecord {
  const recent = (alert.transitions ?? []).filter((at) => at > now - settings.window);
  const was = alert.flapping === true;
  const flapping = was ? recent.length > Math.floor(settings.changes / 2) : recent.length >= settings.changes;
  const sameRecent = recent.length === (alert.transitions?.length ?? 0);
  if (flapping === was && sameRecent) return alert;
  const next: AlertRecord = { ...alert };
  if (recent.length > 0) next.transitions = recent;
  else delete next.transitions;
  if (flapping) next.flapping = true;
  else delete next.flapping;
  return next;
}

export type NoticeState = NonNullable<AlertRecord['notifiedState']>;

/**
 * What channels should have been told about the alert by now, or undefined when nothing is owed (pending, muted,
 * or resolved without ever having been announced).
 */
export function owedNotice(alert: AlertRecord, muted: boolean, resolveNotices: boolean): NoticeState | undefined {
  if (alert.status === 'pending') return undefined;
  const announced = alert.notifiedState === 'firing' || alert.notifiedState === 'flapping';
  if (alert.status === 'resolved') {
    // Flapping is news even when no single firing lasted long enough to be told.
    if (alert.flapping) return muted ? undefined : 'flapping';
    if (!announced) return undefined;
    return muted || !resolveNotices ? undefined : 'resolved';
  }
  if (muted) return undefined;
  return alert.flapping ? 'flapping' : 'firing';
}

/** A resolved alert whose resolve notice will never be sent (silenced, or notices off): record it as said. */
export function settlesQuietly(alert: AlertRecord, muted: boolean, resolveNotices: boolean): boolean {
  const announced = alert.notifiedState === 'firing' || alert.notifiedState === 'flapping';
  return alert.status === 'resolved' && announced && !alert.flapping && (muted || !resolveNotices);
}
