import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPgClient, SQL_MARKER, type PgClient } from '../../src/postgres/pg-client.js';
import { runStatementsAudit, type StatementsAuditRun } from '../../src/postgres/statements/run-statements-audit.js';
import { listSnapshots } from '../../src/postgres/statements/snapshot-store.js';
import { takeStatementsSnapshot } from '../../src/postgres/statements/take-snapshot.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { createFakeClock } from '../helpers/test-app.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { describeWithPostgres } from '../support/postgres.js';

const HOUR = 3_600_000;
const thresholds = { slowQueryMs: 20, slowQueryCalls: 100 };
const SLOW = 'SELECT count(*) FROM actions_mediaaction a JOIN files_media m ON m.id = a.media_id WHERE a.remote_ip LIKE $1';

describeWithPostgres('pg_stat_statements audits', (db) => {
  let app: pg.Client;
  let postgres: PgClient;

  beforeAll(async () => {
    app = await db().client();
    await app.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    postgres = createPgClient({ url: db().url, statementTimeoutMs: 5_000, log: createCapturingLogger().log });
  });
  afterAll(async () => {
    await postgres.close();
  });

  /** A store and clock of its own per test, so snapshots from one test never start another's window. */
  function fresh(): { store: Store; clock: ReturnType<typeof createFakeClock>; deps: { postgres: PgClient; store: Store; now: () => number } } {
    const store = openSqliteStore(join(makeTempDir(), 'store.sqlite'));
    const clock = createFakeClock();
    return { store, clock, deps: { postgres, store, now: clock.now } };
  }

  const audit = (deps: { postgres: PgClient; store: Store; now: () => number }, lengthMs = HOUR): Promise<StatementsAuditRun> =>
    runStatementsAudit(deps, { lengthMs, thresholds, recordAfterMs: HOUR });

  async function repeat(times: number, text: string, values: unknown[] = []): Promise<void> {
    for (let i = 0; i < times; i++) await app.query(text, values);
  }

  it('puts a seeded slow statement first by total time, and counts only what ran in the window', async () => {
    const { clock, deps } = fresh();
    await repeat(2, SLOW, ['%ab%']); // before the window: must not be counted
    await takeStatementsSnapshot(deps);
    await repeat(3, SLOW, ['%ab%']);
    await repeat(30, 'SELECT id, title FROM files_media WHERE id = $1', [42]);
    clock.advance(HOUR);
    const run = await audit(deps);
    expect(run.window.basis).toBe('snapshot');
    expect(run.statements[0]?.text).toContain('a.remote_ip LIKE $1');
    expect(run.statements[0]?.calls).toBe(3);
    expect(run.statements[0]?.totalMs).toBeGreaterThan(run.statements[1]?.totalMs ?? 0);
    const cheap = run.statements.find((s) => s.text?.includes('WHERE id = $1'));
    expect(cheap?.calls).toBe(30);
    expect(cheap?.hitPercent).toBeGreaterThan(0);
  });

  it("leaves the bot's own statements out of the list but reports the database time they used", async () => {
    const { clock, deps } = fresh();
    await takeStatementsSnapshot(deps);
    clock.advance(HOUR);
    const run = await audit(deps);
    expect(run.statements.some((s) => s.text?.startsWith(SQL_MARKER))).toBe(false);
    // The start snapshot's own reads of pg_stat_statements ran inside the window.
    expect(run.own.calls).toBeGreaterThanOrEqual(2);
    expect(run.own.totalMs).toBeGreaterThan(0);
  });

  it('flags a statement that got slower than in the previous window, and a statement that is new', async () => {
    const { clock, deps } = fresh();
    const work = 'SELECT count(*) FROM actions_mediaaction a JOIN files_media m ON m.id = a.media_id WHERE a.id <= $1';
    await takeStatementsSnapshot(deps);
    await repeat(12, work, [5]);
    clock.advance(HOUR);
    await takeStatementsSnapshot(deps);
    await repeat(12, work, [100_000]);
    await repeat(3, 'SELECT count(*) FROM files_encodeprofile WHERE active AND id > $1 AND extension <> $2', [0, 'gif']);
    clock.advance(HOUR);
    const run = await audit(deps);
    expect(run.previous).toEqual({ from: clock.now() - 2 * HOUR, to: clock.now() - HOUR });
    const regressed = run.statements.find((s) => s.text?.includes('a.id <= $1'));
    expect(regressed?.regression?.increasePercent).toBeGreaterThanOrEqual(50);
    expect(regressed?.isNew).toBe(false);
    const added = run.statements.find((s) => s.text?.includes('files_encodeprofile WHERE active'));
    expect(added?.isNew).toBe(true);
  });

  it('reports no negative figures when the statistics are reset between snapshots', async () => {
    const { clock, deps } = fresh();
    await repeat(5, SLOW, ['%cd%']);
    await takeStatementsSnapshot(deps);
    await app.query('SELECT pg_stat_statements_reset()');
    await repeat(2, SLOW, ['%cd%']);
    clock.advance(HOUR);
    const run = await audit(deps);
    expect(run.resetInside).toBe(true);
    for (const s of [...run.statements, run.own, run.totals]) {
      expect(s.calls).toBeGreaterThanOrEqual(0);
      expect(s.totalMs).toBeGreaterThanOrEqual(0);
    }
    expect(run.statements.find((s) => s.text?.includes('a.remote_ip LIKE $1'))?.calls).toBe(2);
  });

  it('counts a statement reset on its own from its restart', async () => {
    const { clock, deps } = fresh();
    const text = 'SELECT count(*) FROM files_category WHERE title <> $1';
    await repeat(6, text, ['x']);
    await takeStatementsSnapshot(deps);
    const [row] = (await app.query<{ queryid: string }>("SELECT queryid::text FROM pg_stat_statements WHERE query LIKE 'SELECT count(*) FROM files_category WHERE title <> $1%'")).rows;
    await app.query('SELECT pg_stat_statements_reset(0, 0, $1::int8)', [row?.queryid]);
    await repeat(2, text, ['x']);
    clock.advance(HOUR);
    const run = await audit(deps);
    expect(run.resetInside).toBe(false);
    expect(run.restarted).toBeGreaterThanOrEqual(1);
    expect(run.statements.find((s) => s.queryid === row?.queryid)?.calls).toBe(2);
  });

  it('falls back to "since the statistics were reset", and says when, while no snapshot is old enough', async () => {
    const { deps, store } = fresh();
    const run = await audit(deps, 24 * HOUR);
    expect(run.window.basis).toBe('stats-reset');
    expect(run.window.from).toEqual(expect.any(Number));
    expect(run.statements.length).toBeGreaterThan(0);
    // The reading itself was kept, so the history starts now.
    expect(run.recorded).toBe(true);
    expect(listSnapshots(store)).toHaveLength(1);
  });

  it("counts other roles' statements it may not see, so the report can ask for pg_read_all_stats", async () => {
    await app.query('DROP ROLE IF EXISTS cinemata_ops_limited');
    await app.query('CREATE ROLE cinemata_ops_limited LOGIN');
    const url = new URL(db().url);
    url.username = 'cinemata_ops_limited';
    const limited = createPgClient({ url: url.toString(), statementTimeoutMs: 5_000, log: createCapturingLogger().log });
    try {
      const { deps } = fresh();
      const run = await audit({ ...deps, postgres: limited });
      expect(run.hidden).toBeGreaterThan(0);
      expect(run.statements.every((s) => s.text !== undefined)).toBe(true);
    } finally {
      await limited.close();
      await app.query('DROP OWNED BY cinemata_ops_limited; DROP ROLE cinemata_ops_limited');
    }
  });

  it('takes one snapshot per hour however often the schedule calls', async () => {
    const { clock, deps, store } = fresh();
    expect((await takeStatementsSnapshot(deps)).recorded).toBe(true);
    clock.advance(10 * 60_000);
    expect((await takeStatementsSnapshot(deps)).recorded).toBe(false);
    clock.advance(HOUR);
    const third = await takeStatementsSnapshot(deps);
    expect(third.recorded).toBe(true);
    expect(third.entries).toBeGreaterThan(0);
    expect(listSnapshots(store)).toHaveLength(2);
  });
});
