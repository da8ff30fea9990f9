import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseWindow } from '../../src/postgres/statements/audit-window.js';
import { auditStatements } from '../../src/postgres/statements/statement-audit.js';
import { diffReadings } from '../../src/postgres/statements/statement-delta.js';
import { statementKey, type StatementCounters, type StatementsReading } from '../../src/postgres/statements/statement-reading.js';
import { DEFAULT_RETENTION, selectRetained } from '../../src/postgres/statements/snapshot-retention.js';
import { listSnapshots, loadSnapshot, saveSnapshot } from '../../src/postgres/statements/snapshot-store.js';
import { MAX_TEXTS, openTextBook } from '../../src/postgres/statements/text-book.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 11, 4, 9, 0, 0);

function counters(queryid: string, calls: number, execMs: number, extra: Partial<StatementCounters> = {}): StatementCounters {
  return { key: statementKey(10, queryid, true), userid: 10, queryid, toplevel: true, calls, execMs, planMs: 0, rows: calls, sharedHit: calls * 10, sharedRead: 0, tempWritten: 0, ...extra };
}

function reading(at: number, entries: StatementCounters[], statsReset: number | null = T0 - DAY): StatementsReading {
  return { at, dbid: 5, statsReset, dealloc: 0, entries };
}

const thresholds = { slowQueryMs: 20, slowQueryCalls: 100 };

describe('statement deltas', () => {
  it('subtracts the start snapshot when both readings share a stats reset', () => {
    const delta = diffReadings(reading(T0, [counters('1', 10, 100)]), reading(T0 + HOUR, [counters('1', 15, 160)]));
    expect(delta.byKey.get(statementKey(10, '1', true))).toMatchObject({ calls: 5, execMs: 60 });
    expect(delta.resetInside).toBe(false);
  });

  it('counts from the restart and never goes negative when a counter went down', () => {
    const delta = diffReadings(reading(T0, [counters('1', 10, 100)]), reading(T0 + HOUR, [counters('1', 3, 30)]));
    expect(delta.byKey.get(statementKey(10, '1', true))).toMatchObject({ calls: 3, execMs: 30 });
    expect(delta.restarted).toBe(1);
  });

  it('takes everything since the reset when stats_reset moved inside the window', () => {
    const delta = diffReadings(reading(T0, [counters('1', 10, 100)]), reading(T0 + HOUR, [counters('1', 12, 120)], T0 + 1_000));
    expect(delta.resetInside).toBe(true);
    expect(delta.byKey.get(statementKey(10, '1', true))).toMatchObject({ calls: 12, execMs: 120 });
  });

  it('ignores a stored time that rounded up past the fresh reading of an idle statement', () => {
    const delta = diffReadings(reading(T0, [counters('1', 10, 100.0005)]), reading(T0 + HOUR, [counters('1', 10, 100.0004)]));
    expect(delta.restarted).toBe(0);
    expect(delta.byKey.size).toBe(0);
  });
});

describe('statement audit', () => {
  it('flags a regression only with enough calls in both windows and a real increase', () => {
    const previous = reading(T0 - HOUR, [counters('1', 0, 0), counters('2', 0, 0)]);
    const base = reading(T0, [counters('1', 20, 20), counters('2', 5, 5)]);
    const current = reading(T0 + HOUR, [counters('1', 40, 120), counters('2', 10, 105)]);
    const audit = auditStatements({ current, base, previous, textOf: (id) => `SELECT ${id}`, thresholds });
    const byId = new Map(audit.statements.map((s) => [s.queryid, s]));
    expect(byId.get('1')?.regression).toMatchObject({ previousMeanMs: 1, previousCalls: 20, increasePercent: 400 });
    expect(byId.get('2')?.regression).toBeUndefined();
  });

  it('marks statements missing from the start snapshot as new, and keeps own statements out of the list', () => {
    const base = reading(T0, [counters('1', 1, 1)]);
    const current = reading(T0 + HOUR, [counters('1', 2, 2), counters('2', 4, 8), counters('3', 2, 6)]);
    const texts: Record<string, string> = { '1': 'SELECT 1', '2': 'SELECT 2', '3': '/* cinemata-ops */ SELECT * FROM pg_stat_statements' };
    const audit = auditStatements({ current, base, previous: undefined, textOf: (id) => texts[id], thresholds });
    expect(audit.statements.map((s) => [s.queryid, s.isNew])).toEqual([['2', true], ['1', false]]);
    expect(audit.own).toEqual({ statements: 1, calls: 2, totalMs: 6 });
  });

  it('applies PgHero’s slow rule to the window', () => {
    const current = reading(T0, [counters('1', 100, 2_500), counters('2', 99, 5_000)]);
    const audit = auditStatements({ current, base: undefined, previous: undefined, textOf: () => 'SELECT', thresholds });
    expect(audit.statements.filter((s) => s.slow).map((s) => s.queryid)).toEqual(['1']);
  });
});

describe('audit window', () => {
  const meta = (at: number) => ({ at, dbid: 5, statsReset: null, dealloc: null, count: 1 });

  it('starts at the snapshot nearest to now minus the window and picks a previous window of similar length', () => {
    const snapshots = [meta(T0 - 48 * HOUR), meta(T0 - 26 * HOUR), meta(T0 - 23 * HOUR), meta(T0 - HOUR)];
    const choice = chooseWindow(snapshots, T0, 24 * HOUR, 5);
    expect(choice.base?.at).toBe(T0 - 23 * HOUR);
    expect(choice.previous?.at).toBe(T0 - 48 * HOUR);
  });

  it('has no start when the oldest snapshot covers less than half the window', () => {
    expect(chooseWindow([meta(T0 - 11 * HOUR)], T0, 24 * HOUR, 5).base).toBeUndefined();
  });

  it('ignores snapshots of another database', () => {
    expect(chooseWindow([{ ...meta(T0 - 24 * HOUR), dbid: 6 }], T0, 24 * HOUR, 5).base).toBeUndefined();
  });
});

describe('snapshot retention', () => {
  it('keeps one snapshot per hour for 48 h and one per day for 35 days when snapshots come every 15 minutes for 40 days', () => {
    const all = Array.from({ length: 40 * 96 }, (_, i) => ({ at: T0 - i * 15 * 60_000 }));
    const { keep } = selectRetained(all, T0);
    const hourly = keep.filter((s) => T0 - s.at <= DEFAULT_RETENTION.fineKeepMs);
    const daily = keep.filter((s) => T0 - s.at > DEFAULT_RETENTION.fineKeepMs);
    expect(hourly.length).toBe(49);
    expect(daily.length).toBeGreaterThanOrEqual(33);
    expect(daily.length).toBeLessThanOrEqual(34);
    expect(Math.min(...keep.map((s) => s.at))).toBeGreaterThanOrEqual(T0 - 35 * DAY);
  });

  it('stores snapshots in the store, prunes the old ones, and keeps texts only while a snapshot may need them', () => {
    const store = openSqliteStore(join(makeTempDir(), 'store.sqlite'));
    const texts = openTextBook(store);
    for (let day = 40; day >= 0; day--) {
      const at = T0 - day * DAY;
      const r = reading(at, [counters('1', 100 - day, 10), counters(`day${day}`, 1, 1)]);
      texts.add(new Map(r.entries.map((e) => [e.queryid, `SELECT ${e.queryid}`])), at);
      const kept = saveSnapshot(store, r);
      texts.markSeen(r.entries.map((e) => e.queryid), at);
      texts.save(kept[0]?.at);
    }
    const kept = listSnapshots(store);
    expect(kept.length).toBe(36);
    expect(kept[0]?.at).toBe(T0 - 35 * DAY);
    expect(store.getState(`postgres.statements.snapshot.${T0 - 40 * DAY}`)).toBeUndefined();
    expect(loadSnapshot(store, kept.at(-1)!)?.entries.map((e) => e.calls)).toEqual([100, 1]);
    const book = openTextBook(store);
    expect(book.get('day35')).toBe('SELECT day35');
    expect(book.has('day36')).toBe(false);
    expect(MAX_TEXTS).toBeGreaterThanOrEqual(5_000);
    store.close();
  });
});
