/**
 * Every piece of mutable state the bot keeps, behind one seam. The SQLite backend is the default; any other
 * backend must pass test/store/store-contract.ts.
 *
 * Timestamps are epoch milliseconds. JSON-typed fields are stored as given and returned as parsed JSON.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type AlertStatus = 'pending' | 'firing' | 'resolved';

export interface AlertRecord {
  fingerprint: string;
  ruleId: string;
  status: AlertStatus;
  severity: 'info' | 'warning' | 'critical';
  labels: Record<string, string>;
  summary: string;
  value: number | null;
  startsAt: number;
  updatedAt: number;
  firedAt: number | null;
  resolvedAt: number | null;
  lastNotifiedAt: number | null;
  /*
   * Alert-engine bookkeeping, added in schema version 2. Optional so records written before it (and by other
   * writers) stay valid: absent means "not muted, not flapping, nothing notified yet".
   */
  /** Why notifications about it are held right now: `silence:<id>` or `inhibited:<fingerprint of the source>`. */
  mutedBy?: string | undefined;
  /** Fired and resolved too often within the flapping window: notifications held until it settles. */
  flapping?: boolean | undefined;
  /** Epoch ms of its recent firing and resolving, oldest first, within the flapping window. */
  transitions?: number[] | undefined;
  /** What the last notification said about it; a notification is due when its state differs from this. */
  notifiedState?: 'firing' | 'resolved' | 'flapping' | undefined;
}

export interface SilenceRecord {
  id: string;
  /** Label equality matchers; an alert is silenced when all of them match. */
  matchers: Record<string, string>;
  createdBy: string;
  comment: string;
  startsAt: number;
  endsAt: number;
}

export interface AckRecord {
  fingerprint: string;
  by: string;
  at: number;
  note: string;
}

/** A gated action waiting for its confirmation, keyed by id; only its requester may take it. */
export interface ConfirmationRecord {
  id: string;
  action: string;
  requestedBy: string;
  channel: string;
  plan: Json;
  createdAt: number;
  expiresAt: number;
}

export interface OutboxMessage {
  id: number;
  /** e.g. `slack:C0123`, `discord:9876`, `email:oncall`, `console`. */
  target: string;
  payload: Json;
  attempts: number;
  notBefore: number;
  createdAt: number;
  lastError: string | null;
}

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  detail: Json;
}

export type Resolution = 'minute' | 'hour';

/** One downsampled bucket of a series. `at` is the bucket start. */
export interface MetricPoint {
  series: string;
  at: number;
  avg: number;
  min: number;
  max: number;
  count: number;
}

export interface Store {
  upsertAlert(alert: AlertRecord): void;
  getAlert(fingerprint: string): AlertRecord | undefined;
  listAlerts(filter?: { status?: AlertStatus | undefined }): AlertRecord[];
  /** Deletes resolved alerts (and their acks) resolved before `before`; returns how many. */
  pruneResolvedAlerts(before: number): number;

  addSilence(silence: SilenceRecord): void;
  /** Silences whose window contains `now`. */
  listActiveSilences(now: number): SilenceRecord[];
  /** Ends a silence now; returns false when there was no such silence. */
  expireSilence(id: string, now: number): boolean;

  putAck(ack: AckRecord): void;
  getAck(fingerprint: string): AckRecord | undefined;
  deleteAck(fingerprint: string): void;
  /** Every ack, oldest first. */
  listAcks(): AckRecord[];

  putConfirmation(confirmation: ConfirmationRecord): void;
  /**
   * Removes and returns the confirmation if it exists, has not expired and belongs to `requestedBy`.
   * Taking is atomic: two clicks on "Confirm" run the action once.
   */
  takeConfirmation(id: string, requestedBy: string, now: number): ConfirmationRecord | undefined;
  purgeExpiredConfirmations(now: number): number;

  /**
   * Queues a message and returns its id. With a `dedupKey` it is queued once: a later call with the same key adds
   * nothing and returns the first message's id, even after that message was sent (keys are kept until
   * pruneOutboxKeys), so a notification decided twice (a retry after a crash) goes out once.
   */
  enqueueOutbox(
    message: { target: string; payload: Json; notBefore?: number | undefined; dedupKey?: string | undefined },
    now: number,
  ): number;
  /** Forgets dedup keys recorded before `before`; returns how many. */
  pruneOutboxKeys(before: number): number;
  /** Messages due at `now`, oldest first. */
  dueOutbox(now: number, limit: number): OutboxMessage[];
  markOutboxSent(id: number): void;
  /** Records a failed attempt and when to try again. */
  markOutboxFailed(id: number, error: string, retryAt: number): void;
  /** Moves a message that will never be delivered to the dead letters (kept for the audit). */
  deadLetterOutbox(id: number, error: string): void;
  countOutbox(): { pending: number; dead: number };

  appendAudit(entry: Omit<AuditEntry, 'id'>): number;
  listAudit(filter?: { since?: number | undefined; limit?: number | undefined }): AuditEntry[];

  writeMetricPoints(resolution: Resolution, points: MetricPoint[]): void;
  readMetricPoints(resolution: Resolution, series: string, from: number, to: number): MetricPoint[];
  /** Series names with at least one point at this resolution. */
  listMetricSeries(resolution: Resolution): string[];
  pruneMetricPoints(resolution: Resolution, before: number): number;

  getState<T extends Json>(key: string): T | undefined;
  setState(key: string, value: Json): void;
  deleteState(key: string): void;
  /**
   * Takes or renews a named lease for `owner` until `until`; false when another owner holds it unexpired.
   * Schedules use it so that only one of several instances fires.
   */
  tryLease(name: string, owner: string, now: number, until: number): boolean;

  /**
   * Runs `fn` so that all of its writes happen or none does (a crash or a throw inside leaves the store as it
   * was; the error is rethrown). `fn` must be synchronous. Nested calls join the outer transaction.
   */
  transaction<T>(fn: () => T): T;

  close(): void;
}
