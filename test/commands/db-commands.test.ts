import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import bloat from '../../commands/bloat.js';
import connections from '../../commands/connections.js';
import db from '../../commands/db.js';
import indexes from '../../commands/indexes.js';
import { commands } from '../../commands/index.js';
import locks from '../../commands/locks.js';
import type { Config } from '../../src/config/load-config.js';
import type { Command, OptionSpecs } from '../../src/dispatch/command.js';
import { createPgClient, type PgClient } from '../../src/postgres/pg-client.js';
import { createPostgresProbe } from '../../src/probes/postgres.js';
import type { Block, Report, Section } from '../../src/reports/report.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { createTestApp, testConfig, type TestApp } from '../helpers/test-app.js';
import { describeWithPostgres } from '../support/postgres.js';

// Until commands/index.ts lists them, the PostgreSQL commands are added here (once, whichever way round).
const postgresCommands: Array<Command<OptionSpecs>> = [db, locks, connections, bloat, indexes];
const allCommands = [...commands.filter((c) => !postgresCommands.some((p) => p.name === c.name)), ...postgresCommands];

const BLOCKING_UPDATE = 'UPDATE files_media SET views=views+1 WHERE id=1';

async function connect(url: string, application: string): Promise<{ client: pg.Client; pid: number }> {
  const client = new pg.Client({ connectionString: url, application_name: application });
  await client.connect();
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? -1;
  return { client, pid };
}

/** The web app holds a row lock in an open transaction; a Celery task's UPDATE of the same row waits (not awaited). */
async function blockAnUpdate(url: string): Promise<{ holderPid: number; waiterPid: number; release(): Promise<void> }> {
  const holder = await connect(url, 'mediacms-uwsgi');
  const waiter = await connect(url, 'celery-short');
  await holder.client.query('BEGIN');
  await holder.client.query(BLOCKING_UPDATE);
  const waiting = waiter.client.query(BLOCKING_UPDATE);
  for (let i = 0; ; i++) {
    const rows = (await holder.client.query<{ w: string | null }>('SELECT wait_event_type AS w FROM pg_stat_activity WHERE pid = $1', [waiter.pid])).rows;
    if (rows[0]?.w === 'Lock') break;
    if (i > 100) throw new Error('the second UPDATE never waited for the lock');
    await new Promise((r) => setTimeout(r, 50));
  }
  // The poll above ran in the holder's transaction: repeat the UPDATE so it is the holder's last statement again.
  await holder.client.query(BLOCKING_UPDATE);
  return {
    holderPid: holder.pid,
    waiterPid: waiter.pid,
    async release() {
      await holder.client.query('ROLLBACK');
      await waiting;
      await Promise.all([holder.client.end(), waiter.client.end()]);
    },
  };
}

function section(report: Report, title: string | RegExp): Section {
  const found = report.sections.find((s) => (typeof title === 'string' ? s.title === title : title.test(s.title ?? '')));
  if (!found) throw new Error(`no section ${title} in ${report.sections.map((s) => s.title).join(', ')}`);
  return found;
}

function rows(block: Block | undefined): string[][] {
  return block?.kind === 'table' ? block.rows.map((r) => r.cells) : [];
}

function items(report: Report): Array<{ text: string; severity?: string | undefined }> {
  const first = report.sections[0]?.blocks[0];
  return first?.kind === 'list' ? first.items : [];
}

describeWithPostgres('PostgreSQL commands', (database) => {
  let client: PgClient;
  let harness: TestApp;
  let config: Config;

  const run = async (command: string): Promise<Report> => {
    harness.clock.advance(60_000); // past the sampling interval: db reads a fresh probe run
    const result = await harness.app.dispatch({ platform: 'cli', user: { id: 'tester' }, command, args: [] });
    if (!result.ok) throw new Error(`${command} failed: ${result.error.message}`);
    return result.report;
  };

  beforeAll(async () => {
    await database().ready;
    client = createPgClient({ url: database().url, statementTimeoutMs: 5_000, log: createCapturingLogger().log });
    const base = testConfig(makeTempDir());
    config = { ...base, postgres: { ...base.postgres, idleInTransaction: 1_000 } };
    harness = createTestApp([createPostgresProbe({ client, settings: config.postgres })], { config, postgres: client, commands: allCommands });
  });
  afterAll(async () => {
    await client.close();
  });

  it('locks names the blocker pid, its query and the lock a blocked UPDATE waits for, when a transaction holds the row', async () => {
    const block = await blockAnUpdate(database().url);
    try {
      const report = await run('locks');
      expect(report.severity).toBe('warning');
      expect(items(report)[0]?.text).toMatch(new RegExp(`^pid ${block.waiterPid} has waited \\d+s for ShareLock \\(transactionid\\) on files_media: ${escape(BLOCKING_UPDATE)}; blocked by pid ${block.holderPid} \\(idle in transaction`));
      expect(items(report)[0]?.text).toContain(`SELECT pg_terminate_backend(${block.holderPid})`);
      const blockedFields = section(report, 'Blocked query 1 of 1').blocks[0];
      expect(blockedFields?.kind === 'fields' ? blockedFields.fields.map((f) => [f.label, f.value]) : []).toEqual([
        ['waiting', expect.stringMatching(new RegExp(`^pid ${block.waiterPid} \\(celery-short, user postgres\\) for \\d+s$`))],
        ['wants', 'ShareLock transactionid on files_media'],
        ['query', BLOCKING_UPDATE],
        ['blocked by', expect.stringMatching(new RegExp(`^pid ${block.holderPid} \\(idle in transaction, \\d+s in transaction\\), mediacms-uwsgi, user postgres$`))],
        ['its query', BLOCKING_UPDATE],
      ]);
      const held = rows(section(report, 'Locks of these sessions').blocks[0]);
      expect(held).toContainEqual([String(block.waiterPid), 'waits', 'transactionid', 'ShareLock', 'waiting', expect.stringMatching(/^transaction \d+$/)]);
      expect(held).toContainEqual([String(block.holderPid), 'blocks', 'relation', 'RowExclusiveLock', 'held', 'files_media']);
    } finally {
      await block.release();
    }
    const after = await run('locks');
    expect(after.severity).toBe('ok');
    expect(after.summary).toBe('No query is waiting for a lock.');
  });

  it('db lists the blocked query and the idle transaction first, with the blocker, when a transaction holds a row', async () => {
    const block = await blockAnUpdate(database().url);
    try {
      await new Promise((r) => setTimeout(r, 1_100)); // past the 1 s idle-in-transaction limit of this test's config
      const report = await run('db');
      const list = items(report);
      expect(report.severity).toBe('warning');
      expect(list[0]?.text).toMatch(new RegExp(`^pid ${block.waiterPid} has waited .* blocked by pid ${block.holderPid} `));
      expect(list[1]?.text).toMatch(new RegExp(`^pid ${block.holderPid} \\(mediacms-uwsgi from 127\\.0\\.0\\.1\\) has been idle in a transaction for \\d+s; last statement: ${escape(BLOCKING_UPDATE)} → an open transaction keeps its locks`));
      const [row] = rows(section(report, 'Blocked queries').blocks[0]);
      expect(row).toEqual([
        String(block.waiterPid),
        expect.stringMatching(/^\d+s$/),
        'ShareLock transactionid on files_media',
        expect.stringMatching(new RegExp(`^pid ${block.holderPid} \\(idle in transaction, \\d+s in transaction\\)$`)),
        BLOCKING_UPDATE,
        BLOCKING_UPDATE,
      ]);
    } finally {
      await block.release();
    }
  });

  it('connections groups sessions by application and lists the idle transaction with its age, when one is left open', async () => {
    const idle = await connect(database().url, 'celery-beat');
    await idle.client.query('BEGIN');
    await idle.client.query('SELECT count(*) FROM users_user');
    await new Promise((r) => setTimeout(r, 1_100));
    try {
      const report = await run('connections');
      expect(report.severity).toBe('warning');
      expect(items(report)[0]?.text).toMatch(new RegExp(`^pid ${idle.pid} \\(celery-beat from 127\\.0\\.0\\.1\\) has been idle in a transaction for [1-9]\\d*s; last statement: SELECT count\\(\\*\\) FROM users_user → `));
      const byApp = rows(section(report, 'By application and client').blocks[0]);
      expect(byApp).toContainEqual(['celery-beat', '127.0.0.1', 'postgres', database().name, '1', '0', '0', '1', expect.stringMatching(/s$/)]);
      const idleRows = rows(section(report, /^Idle in transaction/).blocks[0]);
      expect(idleRows[0]?.slice(0, 2)).toEqual([String(idle.pid), expect.stringMatching(/^[1-9]\d*s$/)]);
      expect(idleRows[0]?.[6]).toBe('SELECT count(*) FROM users_user');
      const fields = section(report, 'Connections').blocks[0];
      expect(fields?.kind === 'fields' ? fields.fields[0]?.value : '').toMatch(/^\d+ of max_connections 100 \(\d+(\.\d)?%\); 3 kept for superusers$/);
    } finally {
      await idle.client.query('ROLLBACK');
      await idle.client.end();
    }
  });

  it('bloat flags a table whose rows are mostly dead and gives the VACUUM to run, when autovacuum is off for it', async () => {
    const admin = await database().client();
    await admin.query('ALTER TABLE files_encoding SET (autovacuum_enabled = false)');
    await admin.query("DELETE FROM files_encoding WHERE status = 'success'");
    await admin.query('SELECT pg_stat_force_next_flush()');
    const report = await run('bloat');
    expect(report.severity).toBe('warning');
    expect(items(report)[0]?.text).toMatch(/^files_encoding has \d{2},\d{3} dead tuples \(100% of its rows\); autovacuum is switched off for it → turn autovacuum back on \(ALTER TABLE files_encoding RESET \(autovacuum_enabled\)\)/);
    const [first] = rows(section(report, 'Dead tuples by table').blocks[0]);
    expect(first?.slice(0, 2)).toEqual(['files_encoding', expect.stringMatching(/^\d{2},\d{3}$/)]);
    expect(first?.[7]).toBe('off');
    const todo = section(report, 'What to do').blocks[0];
    expect(todo).toEqual({ kind: 'code', text: 'VACUUM (VERBOSE, ANALYZE) files_encoding;' });
    const db = await run('db');
    expect(items(db).some((i) => i.text.startsWith('files_encoding has') && i.severity === 'warning')).toBe(true);
  });

  it('indexes suggests the unindexed filter column and names the existing CinemataCMS indexes, when statements filter on it', async () => {
    const admin = await database().client();
    await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    for (let i = 0; i < 30; i++) await admin.query('SELECT count(*) FROM actions_mediaaction WHERE remote_ip = $1', [`192.0.2.${i}`]);
    await admin.query('SELECT pg_stat_force_next_flush()');
    const report = await run('indexes');
    expect(report.severity).toBe('warning');
    const missing = rows(section(report, 'Missing indexes').blocks[0]).find((r) => r[0] === 'actions_mediaaction');
    expect(missing?.[4]).toMatch(/^CREATE INDEX CONCURRENTLY ON actions_mediaaction \(remote_ip\); \(its statements filter on remote_ip: 30 calls;/);
    expect(items(report).map((i) => i.text)).toContainEqual(expect.stringMatching(/^actions_mediaaction \(100,000 rows\) is read by index only 0\.0% of the time \(\d+ sequential scans\): index actions_mediaaction \(remote_ip\) → CREATE INDEX CONCURRENTLY ON actions_mediaaction \(remote_ip\);/));
    const advice = section(report, /^CinemataCMS index advice/).blocks[0];
    const adviceTexts = advice?.kind === 'list' ? advice.items.map((i) => i.text) : [];
    expect(adviceTexts).toEqual([
      'user_id: already indexed by files_media_user_id_7497c8c6, media_user_encoding_idx, media_user_state_date_idx',
      'created_at (CinemataCMS has no such column; the upload date is add_date): already indexed by files_media_add_date_e8a232ff, idx_media_unsaved_meta (partial)',
      'media_type: already indexed by files_media_media_type_6bae9c75, files_media_media_type_6bae9c75_like',
    ]);
    const duplicates = rows(section(report, 'Duplicate indexes').blocks[0]).map((r) => r[0]);
    expect(duplicates).toContain('files_media_state_382a9bd1');
  });

  it('db shows the database growth from history over 24 h and says 7 d has no history yet, when history starts 23 h ago', async () => {
    const admin = await database().client();
    const size = Number((await admin.query<{ size: string }>('SELECT pg_database_size(current_database()) AS size')).rows[0]?.size);
    const fresh = createTestApp([createPostgresProbe({ client, settings: config.postgres })], { config, postgres: client, commands: allCommands });
    fresh.app.history.record([{ metric: 'postgres_database_size_bytes', labels: {}, value: size - 50 * 2 ** 20, at: fresh.clock.now() }]);
    fresh.clock.advance(23 * 3_600_000);
    fresh.app.flush();
    const result = await fresh.app.dispatch({ platform: 'cli', user: { id: 'tester' }, command: 'db', args: [] });
    const report = result.ok ? result.report : undefined;
    const fields = report && section(report, 'Database').blocks[0];
    const sizeField = fields?.kind === 'fields' ? fields.fields.find((f) => f.label === 'size')?.value : undefined;
    expect(sizeField).toMatch(/^\d+ MiB; growth 24 h: \+(4\d|5\d)(\.\d)? MiB, 7 d: no history yet$/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
