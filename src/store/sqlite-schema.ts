import type Database from 'better-sqlite3';

/**
 * The schema as an ordered list of migrations: entry `i` takes the file from `user_version = i` to `i + 1`.
 * Append only. Editing a shipped entry would leave existing files on a schema no fresh file has.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE alerts (
    fingerprint TEXT PRIMARY KEY,
    rule_id TEXT NOT NULL,
    status TEXT NOT NULL,
    severity TEXT NOT NULL,
    labels TEXT NOT NULL,
    summary TEXT NOT NULL,
    value REAL,
    starts_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    fired_at INTEGER,
    resolved_at INTEGER,
    last_notified_at INTEGER
  );
  CREATE INDEX alerts_by_status ON alerts (status);

  CREATE TABLE silences (
    id TEXT PRIMARY KEY,
    matchers TEXT NOT NULL,
    created_by TEXT NOT NULL,
    comment TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL
  );
  CREATE INDEX silences_by_end ON silences (ends_at);

  CREATE TABLE acks (
    fingerprint TEXT PRIMARY KEY,
    by TEXT NOT NULL,
    at INTEGER NOT NULL,
    note TEXT NOT NULL
  );

  CREATE TABLE confirmations (
    id TEXT PRIMARY KEY,
    action TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    channel TEXT NOT NULL,
    plan TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );

  -- AUTOINCREMENT so an id is never reused after a delete: adapters log ids, and a reused one would lie.
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    target TEXT NOT NULL,
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    not_before INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    last_error TEXT,
    dead INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX outbox_due ON outbox (not_before) WHERE dead = 0;

  CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  CREATE INDEX audit_by_at ON audit (at);

  CREATE TABLE metric_points (
    resolution TEXT NOT NULL,
    series TEXT NOT NULL,
    at INTEGER NOT NULL,
    avg REAL NOT NULL,
    min REAL NOT NULL,
    max REAL NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (resolution, series, at)
  ) WITHOUT ROWID;
  -- Pruning deletes by age across all series; without this it would scan the whole table every hour.
  CREATE INDEX metric_points_by_age ON metric_points (resolution, at);

  CREATE TABLE state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    until INTEGER NOT NULL
  );
  `,
  // 2: alert-engine bookkeeping on alerts, and outbox dedup keys (kept after the message is sent and deleted).
  `
  ALTER TABLE alerts ADD COLUMN muted_by TEXT;
  ALTER TABLE alerts ADD COLUMN flapping INTEGER;
  ALTER TABLE alerts ADD COLUMN transitions TEXT;
  ALTER TABLE alerts ADD COLUMN notified_state TEXT;

  CREATE TABLE outbox_keys (
    key TEXT PRIMARY KEY,
    message_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX outbox_keys_by_age ON outbox_keys (created_at);
  `,
];

/** Brings the file up to the newest schema, one transaction per migration so a crash never leaves half of one. */
export function migrateSchema(db: Database.Database): void {
  const current = readUserVersion(db);
  if (current > MIGRATIONS.length) {
    // A newer build wrote this file; running old code against it could corrupt what the newer code relies on.
    throw new Error(
      `database schema version ${current} is newer than this build supports (${MIGRATIONS.length}); ` +
        'upgrade cinemata-ops',
    );
  }
  for (let version = current; version < MIGRATIONS.length; version += 1) {
    const sql = MIGRATIONS[version] ?? '';
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

export function readUserVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}
