import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/sqlite-schema.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { ConfirmationRecord } from '../../src/store/store.js';
import { describeStoreContract } from './store-contract.js';

const confirmation: ConfirmationRecord = {
  id: 'c',
  action: 'x',
  requestedBy: 'u',
  channel: 'console',
  plan: null,
  createdAt: 0,
  expiresAt: 10,
};

let contractDir = '';
describeStoreContract(
  'sqlite',
  () => {
    contractDir = mkdtempSync(join(tmpdir(), 'cinemata-store-'));
    // A nested path also checks that the parent directory is created.
    return openSqliteStore(join(contractDir, 'data', 'ops.db'));
  },
  () => rmSync(contractDir, { recursive: true, force: true }),
);

describe('openSqliteStore', () => {
  let dir = '';
  let file = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cinemata-store-'));
    file = join(dir, 'ops.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every kind of record when the store is closed and reopened', () => {
    const first = openSqliteStore(file);
    first.upsertAlert({
      fingerprint: 'fp',
      ruleId: 'r',
      status: 'firing',
      severity: 'warning',
      labels: { a: 'b' },
      summary: 's',
      value: 1,
      startsAt: 1,
      updatedAt: 2,
      firedAt: 2,
      resolvedAt: null,
      lastNotifiedAt: 2,
    });
    first.addSilence({ id: 's', matchers: { a: 'b' }, createdBy: 'u', comment: '', startsAt: 0, endsAt: 10 });
    first.putAck({ fingerprint: 'fp', by: 'u', at: 3, note: '' });
    first.putConfirmation({ ...confirmation, plan: [1] });
    const outboxId = first.enqueueOutbox({ target: 'console', payload: { n: 1 } }, 5);
    first.appendAudit({ at: 5, actor: 'u', action: 'x', target: 't', outcome: 'ok', detail: {} });
    first.writeMetricPoints('hour', [{ series: 'm', at: 0, avg: 1, min: 0, max: 2, count: 3 }]);
    first.setState('k', { deep: { list: [1, 'two'] } });
    first.tryLease('l', 'owner-a', 0, 100);
    first.close();

    const second = openSqliteStore(file);
    expect(second.getAlert('fp')?.labels).toEqual({ a: 'b' });
    expect(second.listActiveSilences(5).map((silence) => silence.id)).toEqual(['s']);
    expect(second.getAck('fp')?.at).toBe(3);
    expect(second.takeConfirmation('c', 'u', 5)?.plan).toEqual([1]);
    expect(second.dueOutbox(5, 10).map((message) => message.id)).toEqual([outboxId]);
    expect(second.listAudit()).toHaveLength(1);
    expect(second.readMetricPoints('hour', 'm', 0, 0)).toHaveLength(1);
    expect(second.getState('k')).toEqual({ deep: { list: [1, 'two'] } });
    expect(second.tryLease('l', 'owner-b', 50, 150)).toBe(false);
    second.close();
  });

  it('throws when the file is not an SQLite database', () => {
    writeFileSync(file, Buffer.from('this is not an sqlite database\n'.repeat(200)));
    expect(() => openSqliteStore(file)).toThrow(/not a database/);
  });

  it('sets user_version to the number of migrations and WAL mode when the file is new', () => {
    openSqliteStore(file).close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('keeps alerts written before the alert-engine columns when a version 1 file is migrated', () => {
    const db = new Database(file);
    db.exec(MIGRATIONS[0] ?? '');
    db.pragma('user_version = 1');
    db.prepare(`INSERT INTO alerts (fingerprint, rule_id, status, severity, labels, summary, value, starts_at, updated_at,
      fired_at, resolved_at, last_notified_at) VALUES ('fp', 'r', 'firing', 'critical', '{"a":"b"}', 's', 1, 1, 2, 2, NULL, NULL)`).run();
    db.close();
    const store = openSqliteStore(file);
    expect(store.getAlert('fp')).toEqual({
      fingerprint: 'fp',
      ruleId: 'r',
      status: 'firing',
      severity: 'critical',
      labels: { a: 'b' },
      summary: 's',
      value: 1,
      startsAt: 1,
      updatedAt: 2,
      firedAt: 2,
      resolvedAt: null,
      lastNotifiedAt: null,
    });
    store.close();
  });

  it('throws when the file was migrated by a newer version', () => {
    openSqliteStore(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openSqliteStore(file)).toThrow(/newer than this build supports/);
  });

  it('lets only one of two connections take a confirmation when both try', () => {
    const a = openSqliteStore(file);
    const b = openSqliteStore(file);
    a.putConfirmation(confirmation);
    const taken = [a.takeConfirmation('c', 'u', 5), b.takeConfirmation('c', 'u', 5)];
    expect(taken.filter((record) => record !== undefined)).toHaveLength(1);
    a.close();
    b.close();
  });

  it('lets only one of two connections hold a lease when both try', () => {
    const a = openSqliteStore(file);
    const b = openSqliteStore(file);
    expect(a.tryLease('leader', 'instance-a', 0, 30_000)).toBe(true);
    expect(b.tryLease('leader', 'instance-b', 1_000, 31_000)).toBe(false);
    a.close();
    b.close();
  });
});
