import type { Store } from '../store/store.js';

/**
 * How far the escalation of one firing of one alert has come, persisted in the store's key/value state so a
 * restarted process (or another instance on the same store) continues it: a step is recorded as done in the same
 * store transaction that queues its messages, so it is never sent twice nor skipped.
 */
export type EscalationState = {
  fingerprint: string;
  /** The firing this belongs to: a new `firedAt` (resolved, then firing again) starts over. */
  firedAt: number;
  policy: string;
  /** Steps done, in order. */
  done: number;
  /** Set when an acknowledgement stopped the escalation; no step runs after it for this firing. */
  stoppedBy: string | null;
  stoppedAt: number | null;
  updatedAt: number;
};

const ACTIVE_KEY = 'escalation:active';
const stateKey = (fingerprint: string) => `escalation:alert:${fingerprint}`;

export function readEscalation(store: Store, fingerprint: string): EscalationState | undefined {
  return store.getState<EscalationState>(stateKey(fingerprint));
}

export function writeEscalation(store: Store, state: EscalationState): void {
  store.setState(stateKey(state.fingerprint), state);
  const active = listEscalations(store);
  if (!active.includes(state.fingerprint)) store.setState(ACTIVE_KEY, [...active, state.fingerprint]);
}

export function removeEscalation(store: Store, fingerprint: string): void {
  store.deleteState(stateKey(fingerprint));
  store.setState(
    ACTIVE_KEY,
    listEscalations(store).filter((fp) => fp !== fingerprint),
  );
}

/** Fingerprints with a persisted escalation, so ended ones can be cleaned up without scanning every alert. */
export function listEscalations(store: Store): string[] {
  return store.getState<string[]>(ACTIVE_KEY) ?? [];
}
