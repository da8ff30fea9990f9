import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrateSchema } from './sqlite-schema.js';
import type {
  AckRecord,
  AlertRecord,
  AuditEntry,
  ConfirmationRecord,
  Json,
  MetricPoint,
  OutboxMessage,
  Resolution,
  SilenceRecord,
  Store,
} from './store.js';

// Columns aliased to the record's field names, so a row is the record except for its JSON columns.
const ALERT_COLUMNS = `fingerprint, rule_id AS ruleId, status, severity, labels, summary, value, starts_at AS startsAt,
  updated_at AS updatedAt, fired_at AS firedAt, resolved_at AS resolvedAt, last_notified_at AS lastNotifiedAt,
  muted_by AS mutedBy, flapping, transitions, notified_state AS notifiedState`;
const SILENCE_COLUMNS = 'id, matchers, created_by AS createdBy, comment, starts_at AS startsAt, ends_at AS endsAt';
const CONFIRMATION_COLUMNS = `id, action, requested_by AS requestedBy, channel, plan, created_at AS createdAt,
  expires_at AS expiresAt`;
const OUTBOX_COLUMNS = `id, target, payload, attempts, not_before AS notBefore, created_at AS createdAt,
  last_error AS lastError`;

type Row<T, JsonKeys extends keyof T> = Omit<T, JsonKeys> & { [K in JsonKeys]: string };
type AlertRow = Omit<AlertRecord, 'labels' | 'mutedBy' | 'flapping' | 'transitions' | 'notifiedState'> & {
  labels: string;
  mutedBy: string | null;
  flapping: number | null;
  transitions: string | null;
  notifiedState: AlertRecord['notifiedState'] | null;
};
type SilenceRow = Row<SilenceRecord, 'matchers'>;
type ConfirmationRow = Row<ConfirmationRecord, 'plan'>;
type OutboxRow = Row<OutboxMessage, 'payload'>;
type AuditRow = Row<AuditEntry, 'detail'>;

/**
 * Opens (creating if needed) the SQLite file at `path` and migrates it. Throws when the file is not an SQLite
 * database: starting on an empty store would silently forget alerts, silences and the audit log.
 */
export function openSqliteStore(path: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    // WAL lets readers (the /metrics scrape, commands) run while the sampler writes; NORMAL is durable in WAL
    // mode except for the last transactions on power loss, which is fine for monitoring state.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrateSchema(db);
    return createSqliteStore(db);
  } catch (error) {
    db.close();
    throw error;
  }
}

function createSqliteStore(db: Database.Database): Store {
  const sql = {
    upsertAlert: db.prepare(`INSERT OR REPLACE INTO alerts (fingerprint, rule_id, status, severity, labels, summary,
      value, starts_at, updated_at, fired_at, resolved_at, last_notified_at, muted_by, flapping, transitions,
      notified_state) VALUES (@fingerprint, @ruleId, @status, @severity, @labels, @summary, @value, @startsAt,
      @updatedAt, @firedAt, @resolvedAt, @lastNotifiedAt, @mutedBy, @flapping, @transitions, @notifiedState)`),
    pruneAlertAcks: db.prepare<[number]>(`DELETE FROM acks WHERE fingerprint IN
      (SELECT fingerprint FROM alerts WHERE status = 'resolved' AND resolved_at < ?)`),
    pruneAlerts: db.prepare<[number]>("DELETE FROM alerts WHERE status = 'resolved' AND resolved_at < ?"),
    getAlert: db.prepare<[string], AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE fingerprint = ?`),
    listAlerts: db.prepare<[], AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts ORDER BY starts_at, fingerprint`),
    listAlertsByStatus: db.prepare<[string], AlertRow>(
      `SELECT ${ALERT_COLUMNS} FROM alerts WHERE status = ? ORDER BY starts_at, fingerprint`,
    ),
    addSilence: db.prepare(`INSERT OR REPLACE INTO silences (id, matchers, created_by, comment, starts_at, ends_at)
      VALUES (@id, @matchers, @createdBy, @comment, @startsAt, @endsAt)`),
    listActiveSilences: db.prepare<[number, number], SilenceRow>(
      `SELECT ${SILENCE_COLUMNS} FROM silences WHERE starts_at <= ? AND ends_at > ? ORDER BY starts_at, id`,
    ),
    // MIN so expiring an already ended silence does not move its end into the future.
    expireSilence: db.prepare<[number, string]>('UPDATE silences SET ends_at = MIN(ends_at, ?) WHERE id = ?'),
    putAck: db.prepare(
      'INSERT OR REPLACE INTO acks (fingerprint, by, at, note) VALUES (@fingerprint, @by, @at, @note)',
    ),
    getAck: db.prepare<[string], AckRecord>('SELECT fingerprint, by, at, note FROM acks WHERE fingerprint = ?'),
    deleteAck: db.prepare<[string]>('DELETE FROM acks WHERE fingerprint = ?'),
    listAcks: db.prepare<[], AckRecord>('SELECT fingerprint, by, at, note FROM acks ORDER BY at, fingerprint'),
    putConfirmation: db.prepare(`INSERT OR REPLACE INTO confirmations (id, action, requested_by, channel, plan,
      created_at, expires_at) VALUES (@id, @action, @requestedBy, @channel, @plan, @createdAt, @expiresAt)`),
    // One statement, so two concurrent "Confirm" clicks cannot both get the row.
    takeConfirmation: db.prepare<[string, string, number], ConfirmationRow>(
      `DELETE FROM confirmations WHERE id = ? AND requested_by = ? AND expires_at > ?
        RETURNING ${CONFIRMATION_COLUMNS}`,
    ),
    purgeConfirmations: db.prepare<[number]>('DELETE FROM confirmations WHERE expires_at <= ?'),
    enqueueOutbox: db.prepare<[string, string, number, number]>(
      'INSERT INTO outbox (target, payload, not_before, created_at) VALUES (?, ?, ?, ?)',
    ),
    findOutboxKey: db.prepare<[string], { messageId: number }>('SELECT message_id AS messageId FROM outbox_keys WHERE key = ?'),
    addOutboxKey: db.prepare<[string, number, number]>('INSERT INTO outbox_keys (key, message_id, created_at) VALUES (?, ?, ?)'),
    pruneOutboxKeys: db.prepare<[number]>('DELETE FROM outbox_keys WHERE created_at < ?'),
    dueOutbox: db.prepare<[number, number], OutboxRow>(
      `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE dead = 0 AND not_before <= ? ORDER BY created_at, id LIMIT ?`,
    ),
    deleteOutbox: db.prepare<[number]>('DELETE FROM outbox WHERE id = ?'),
    failOutbox: db.prepare<[string, number, number]>(
      'UPDATE outbox SET attempts = attempts + 1, last_error = ?, not_before = ? WHERE id = ?',
    ),
    deadLetterOutbox: db.prepare<[string, number]>('UPDATE outbox SET dead = 1, last_error = ? WHERE id = ?'),
    countOutbox: db.prepare<[], { pending: number | null; dead: number | null }>(
      'SELECT SUM(dead = 0) AS pending, SUM(dead = 1) AS dead FROM outbox',
    ),
    appendAudit: db.prepare(`INSERT INTO audit (at, actor, action, target, outcome, detail)
      VALUES (@at, @actor, @action, @target, @outcome, @detail)`),
    // LIMIT -1 is SQLite for "no limit"; newest first because callers want the last N actions.
    listAudit: db.prepare<[number, number], AuditRow>(`SELECT id, at, actor, action, target, outcome, detail
      FROM audit WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?`),
    writeMetricPoint: db.prepare(`INSERT OR REPLACE INTO metric_points (resolution, series, at, avg, min, max, count)
      VALUES (@resolution, @series, @at, @avg, @min, @max, @count)`),
    readMetricPoints: db.prepare<[string, string, number, number], MetricPoint>(`SELECT series, at, avg, min, max,
      count FROM metric_points WHERE resolution = ? AND series = ? AND at BETWEEN ? AND ? ORDER BY at`),
    listMetricSeries: db.prepare<[string], { series: string }>(
      'SELECT DISTINCT series FROM metric_points WHERE resolution = ? ORDER BY series',
    ),
    pruneMetricPoints: db.prepare<[string, number]>('DELETE FROM metric_points WHERE resolution = ? AND at < ?'),
    getState: db.prepare<[string], { value: string }>('SELECT value FROM state WHERE key = ?'),
    setState: db.prepare<[string, string]>('INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)'),
    deleteState: db.prepare<[string]>('DELETE FROM state WHERE key = ?'),
    // One statement: the row is taken when absent, expired, or already ours; otherwise nothing changes.
    tryLease: db.prepare<[string, string, number, number]>(`INSERT INTO leases (name, owner, until) VALUES (?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
      WHERE leases.owner = excluded.owner OR leases.until <= ?`),
  };

  // Looking the key up and inserting both happen in one transaction, so two writers cannot both queue it.
  const enqueueOnce = db.transaction((target: string, payload: string, notBefore: number, now: number, key: string): number => {
    const seen = sql.findOutboxKey.get(key);
    if (seen !== undefined) return seen.messageId;
    const id = Number(sql.enqueueOutbox.run(target, payload, notBefore, now).lastInsertRowid);
    sql.addOutboxKey.run(key, id, now);
    return id;
  });

  const writeMetricPoints = db.transaction((resolution: Resolution, points: MetricPoint[]) => {
    for (const point of points) sql.writeMetricPoint.run({ resolution, ...point });
  });

  return {
    upsertAlert(alert) {
      sql.upsertAlert.run({
        ...alert,
        labels: JSON.stringify(alert.labels),
        mutedBy: alert.mutedBy ?? null,
        flapping: alert.flapping === undefined ? null : Number(alert.flapping),
        transitions: alert.transitions === undefined ? null : JSON.stringify(alert.transitions),
        notifiedState: alert.notifiedState ?? null,
      });
    },
    getAlert(fingerprint) {
      const row = sql.getAlert.get(fingerprint);
      return row && toAlert(row);
    },
    listAlerts(filter) {
      const status = filter?.status;
      const rows = status === undefined ? sql.listAlerts.all() : sql.listAlertsByStatus.all(status);
      return rows.map(toAlert);
    },
    pruneResolvedAlerts(before) {
      return db.transaction(() => {
        sql.pruneAlertAcks.run(before);
        return sql.pruneAlerts.run(before).changes;
      })();
    },

    addSilence(silence) {
      sql.addSilence.run({ ...silence, matchers: JSON.stringify(silence.matchers) });
    },
    listActiveSilences(now) {
      return sql.listActiveSilences.all(now, now).map((row) => ({ ...row, matchers: parseJson(row.matchers) }));
    },
    expireSilence(id, now) {
      return sql.expireSilence.run(now, id).changes > 0;
    },

    putAck(ack) {
      sql.putAck.run(ack);
    },
    getAck(fingerprint) {
      return sql.getAck.get(fingerprint);
    },
    deleteAck(fingerprint) {
      sql.deleteAck.run(fingerprint);
    },
    listAcks() {
      return sql.listAcks.all();
    },

    putConfirmation(confirmation) {
      sql.putConfirmation.run({ ...confirmation, plan: JSON.stringify(confirmation.plan) });
    },
    takeConfirmation(id, requestedBy, now) {
      const row = sql.takeConfirmation.get(id, requestedBy, now);
      return row && { ...row, plan: parseJson(row.plan) };
    },
    purgeExpiredConfirmations(now) {
      return sql.purgeConfirmations.run(now).changes;
    },

    enqueueOutbox(message, now) {
      const payload = JSON.stringify(message.payload);
      const notBefore = message.notBefore ?? now;
      if (message.dedupKey !== undefined) return enqueueOnce(message.target, payload, notBefore, now, message.dedupKey);
      return Number(sql.enqueueOutbox.run(message.target, payload, notBefore, now).lastInsertRowid);
    },
    pruneOutboxKeys(before) {
      return sql.pruneOutboxKeys.run(before).changes;
    },
    dueOutbox(now, limit) {
      return sql.dueOutbox.all(now, limit).map((row) => ({ ...row, payload: parseJson(row.payload) }));
    },
    markOutboxSent(id) {
      sql.deleteOutbox.run(id);
    },
    markOutboxFailed(id, error, retryAt) {
      sql.failOutbox.run(error, retryAt, id);
    },
    deadLetterOutbox(id, error) {
      sql.deadLetterOutbox.run(error, id);
    },
    countOutbox() {
      const row = sql.countOutbox.get();
      return { pending: row?.pending ?? 0, dead: row?.dead ?? 0 };
    },

    appendAudit(entry) {
      return Number(sql.appendAudit.run({ ...entry, detail: JSON.stringify(entry.detail) }).lastInsertRowid);
    },
    listAudit(filter) {
      const rows = sql.listAudit.all(filter?.since ?? Number.MIN_SAFE_INTEGER, filter?.limit ?? -1);
      return rows.map((row) => ({ ...row, detail: parseJson(row.detail) }));
    },

    writeMetricPoints(resolution, points) {
      writeMetricPoints(resolution, points);
    },
    readMetricPoints(resolution, series, from, to) {
      return sql.readMetricPoints.all(resolution, series, from, to);
    },
    listMetricSeries(resolution) {
      return sql.listMetricSeries.all(resolution).map((row) => row.series);
    },
    pruneMetricPoints(resolution, before) {
      return sql.pruneMetricPoints.run(resolution, before).changes;
    },

    getState<T extends Json>(key: string): T | undefined {
      const row = sql.getState.get(key);
      return row && parseJson<T>(row.value);
    },
    setState(key, value) {
      sql.setState.run(key, JSON.stringify(value));
    },
    deleteState(key) {
      sql.deleteState.run(key);
    },
    tryLease(name, owner, now, until) {
      return sql.tryLease.run(name, owner, until, now).changes > 0;
    },

    transaction(fn) {
      // better-sqlite3 turns a nested call into a savepoint, so an inner failure undoes only the inner part.
      return db.transaction(fn)();
    },

    close() {
      if (db.open) db.close();
    },
  };
}

// The optional bookkeeping fields are left out when unset, so a record reads back exactly as it was written.
function toAlert(row: AlertRow): AlertRecord {
  const { mutedBy, flapping, transitions, notifiedState, ...rest } = row;
  const alert: AlertRecord = { ...rest, labels: parseJson(row.labels) };
  if (mutedBy !== null) alert.mutedBy = mutedBy;
  if (flapping !== null) alert.flapping = flapping === 1;
  if (transitions !== null) alert.transitions = parseJson(transitions);
  if (notifiedState !== null) alert.notifiedState = notifiedState;
  return alert;
}

/** Our own columns, written by JSON.stringify above: the cast only restores the type the writer had. */
function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}
