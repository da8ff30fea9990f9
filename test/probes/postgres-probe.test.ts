import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPgClient, type PgClient } from '../../src/postgres/pg-client.js';
import { createPostgresProbe, type PostgresDetail, type PostgresProbeSettings } from '../../src/probes/postgres.js';
import type { Sample } from '../../src/probes/probe.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { testConfig } from '../helpers/test-app.js';
import { describeWithPostgres, type TestDatabase } from '../support/postgres.js';

const BLOCKING_UPDATE = 'UPDATE files_media SET views=views+1 WHERE id=1';

async function pidOf(client: pg.Client): Promise<number> {
  return (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? -1;
}

async function waitUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** Client A holds a row lock in an open transaction; client B's UPDATE of the same row waits for it (not awaited). */
async function blockAnUpdate(db: TestDatabase): Promise<{ holderPid: number; waiterPid: number; release(): Promise<void> }> {
  const [holder, waiter, watcher] = await Promise.all([db.client(), db.client(), db.client()]);
  const holderPid = await pidOf(holder);
  const waiterPid = await pidOf(waiter);
  await holder.query('BEGIN');
  await holder.query(BLOCKING_UPDATE);
  const waiting = waiter.query(BLOCKING_UPDATE);
  await waitUntil(async () => {
    const rows = (await watcher.query<{ w: string | null }>('SELECT wait_event_type AS w FROM pg_stat_activity WHERE pid = $1', [waiterPid])).rows;
    return rows[0]?.w === 'Lock';
  }, 'the second UPDATE waits for the lock');
  return {
    holderPid,
    waiterPid,
    async release() {
      await holder.query('ROLLBACK');
      await waiting;
    },
  };
}

function settings(overrides: Partial<PostgresProbeSettings> = {}): PostgresProbeSettings {
  return { ...testConfig(makeTempDir()).postgres, ...overrides };
}

async function collect(client: PgClient, overrides: Partial<PostgresProbeSettings> = {}): Promise<{ detail: PostgresDetail; samples: Sample[] }> {
  const probe = createPostgresProbe({ client, settings: settings(overrides) });
  return probe.collect({ now: Date.now, log: createCapturingLogger().log, signal: new AbortController().signal });
}

function sample(samples: Sample[], metric: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.metric === metric && JSON.stringify(s.labels) === JSON.stringify(labels))?.value;
}

describeWithPostgres('postgres probe', (db) => {
  let client: PgClient;
  beforeAll(async () => {
    await db().ready;
    client = createPgClient({ url: db().url, statementTimeoutMs: 5_000, log: createCapturingLogger().log });
  });
  afterAll(async () => {
    await client.close();
  });

  it('reports a blocked UPDATE with its blocker pid and query when another transaction holds the row', async () => {
    const block = await blockAnUpdate(db());
    try {
      const { detail, samples } = await collect(client);
      const blocked = detail.blocked.find((b) => b.pid === block.waiterPid);
      expect(blocked?.query).toBe(BLOCKING_UPDATE);
      expect(blocked?.waitingFor).toMatchObject({ lockType: 'transactionid', mode: 'ShareLock', relation: 'files_media' });
      expect(blocked?.blockers).toEqual([
        expect.objectContaining({ pid: block.holderPid, state: 'idle in transaction', query: BLOCKING_UPDATE, waiting: false }),
      ]);
      expect(sample(samples, 'postgres_blocked_queries')).toBe(1);
      expect(detail.idleInTransaction.map((s) => s.pid)).toContain(block.holderPid);
      expect(sample(samples, 'postgres_connections', { state: 'idle in transaction' })).toBeGreaterThanOrEqual(1);
    } finally {
      await block.release();
    }
    const after = await collect(client);
    expect(after.detail.blocked).toEqual([]);
  });

  it('flags a table when most of its rows are dead and autovacuum is off for it', async () => {
    const admin = await db().client();
    await admin.query('ALTER TABLE files_encoding SET (autovacuum_enabled = false)');
    await admin.query("DELETE FROM files_encoding WHERE status = 'success'");
    await admin.query('SELECT pg_stat_force_next_flush()');
    const { detail, samples } = await collect(client);
    const table = detail.tables.tables.find((t) => t.table === 'files_encoding');
    expect(table).toMatchObject({ flagged: true, autovacuumEnabled: false });
    expect(table?.deadTuples).toBeGreaterThanOrEqual(70_000);
    expect(detail.tables.tables[0]?.table).toBe('files_encoding');
    expect(sample(samples, 'postgres_dead_tuple_tables')).toBeGreaterThanOrEqual(1);
  });

  it('flags an unused index of 10 MB or more and leaves smaller ones out at the default threshold', async () => {
    const admin = await db().client();
    await admin.query('CREATE TABLE ops_audit_log AS SELECT g AS id, md5(g::text) AS token FROM generate_series(1, 250000) AS g');
    await admin.query('CREATE INDEX ops_audit_log_token_idx ON ops_audit_log (token)');
    const { detail, samples } = await collect(client);
    const unused = detail.indexes.unused.find((i) => i.index === 'ops_audit_log_token_idx');
    expect(unused?.sizeBytes).toBeGreaterThanOrEqual(10 * 2 ** 20);
    expect(detail.indexes.unused.every((i) => i.sizeBytes >= 10 * 2 ** 20)).toBe(true);
    expect(sample(samples, 'postgres_unused_indexes')).toBe(detail.indexes.unused.length);
  });

  it('finds the duplicate and invalid indexes of the real CinemataCMS schema when one build failed', async () => {
    const admin = await db().client();
    await admin.query('CREATE UNIQUE INDEX CONCURRENTLY ops_broken_idx ON actions_mediaaction (action)').catch(() => undefined);
    const { detail } = await collect(client);
    expect(detail.indexes.invalid.map((i) => i.index)).toEqual(['ops_broken_idx']);
    const unneeded = new Map(detail.indexes.duplicate.map((d) => [d.unneeded.index, d.coveredBy.index]));
    expect(unneeded.get('files_media_state_382a9bd1')).toMatch(/^files_media_state_/);
    expect(unneeded.get('files_media_user_id_7497c8c6')).toMatch(/^media_user_/);
    expect(unneeded.has('files_media_state_382a9bd1_like')).toBe(false);
    await admin.query('DROP INDEX ops_broken_idx');
  });

  it('says the table needs an index and how to find the column when pg_stat_statements is not installed', async () => {
    const admin = await db().client();
    for (let i = 0; i < 25; i++) await admin.query('SELECT count(*) FROM actions_mediaaction WHERE remote_ip = $1', [`10.0.0.${i}`]);
    await admin.query('SELECT pg_stat_force_next_flush()');
    const { detail } = await collect(client);
    const candidate = detail.missingIndexes.candidates.find((c) => c.table === 'actions_mediaaction');
    expect(candidate).toMatchObject({ indexScans: 0, indexUsePercent: 0, suggestion: null });
    expect(detail.missingIndexes.statementsAvailable).toBe(false);
    expect(detail.degraded).toContainEqual({ check: 'index suggestions', reason: expect.stringMatching(/pg_stat_statements is not installed.*CREATE EXTENSION pg_stat_statements/) });
  });

  it('suggests indexing the column that statements filter on when pg_stat_statements has seen them', async () => {
    const admin = await db().client();
    await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    for (let i = 0; i < 25; i++) await admin.query('SELECT count(*) FROM actions_mediaaction WHERE remote_ip = $1', [`10.0.1.${i}`]);
    await admin.query('SELECT pg_stat_force_next_flush()');
    const { detail, samples } = await collect(client);
    const candidate = detail.missingIndexes.candidates.find((c) => c.table === 'actions_mediaaction');
    expect(candidate?.suggestion).toMatchObject({ column: 'remote_ip', statement: 'CREATE INDEX CONCURRENTLY ON actions_mediaaction (remote_ip);' });
    // Preloaded, pg_stat_statements also counted the calls made before CREATE EXTENSION (the test before this one).
    expect(candidate?.suggestion?.calls).toBeGreaterThanOrEqual(25);
    expect(candidate?.suggestion?.exampleQuery).toBe('SELECT count(*) FROM actions_mediaaction WHERE remote_ip = $1');
    expect(sample(samples, 'postgres_missing_index_tables')).toBeGreaterThanOrEqual(1);
    expect(detail.degraded.filter((d) => d.check === 'index suggestions')).toEqual([]);
  });

  it('times the round trip and the real, parameterized CinemataCMS search query', async () => {
    const { detail, samples } = await collect(client, { searchTerm: 'Climate change' });
    expect(sample(samples, 'postgres_roundtrip_seconds')).toBeGreaterThan(0);
    expect(sample(samples, 'postgres_search_seconds')).toBeGreaterThan(0);
    expect(detail.latency).toMatchObject({ searchQuery: 'climate:* & change:*', searchRows: 50 });
    const admin = await db().client();
    const seen = await admin.query<{ query: string }>(
      "SELECT query FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query LIKE '%files_media.search @@%'",
    );
    expect(seen.rows.map((r) => r.query.replace(/\s+/g, ' '))).toContainEqual(
      expect.stringMatching(/SELECT files_media\.\* FROM files_media WHERE files_media\.is_reviewed AND files_media\.state = \$\d AND files_media\.search @@ \(to_tsquery\(\$1\)\) ORDER BY files_media\.add_date DESC LIMIT/),
    );
  });

  it('reports connections, wraparound, sequences and cache samples with bounded labels', async () => {
    const { detail, samples } = await collect(client);
    expect(sample(samples, 'postgres_up')).toBe(1);
    expect(sample(samples, 'postgres_max_connections')).toBe(100);
    expect(sample(samples, 'postgres_connections', { state: 'active' })).toBeGreaterThanOrEqual(1);
    expect(sample(samples, 'postgres_xid_wraparound_percent')).toBeGreaterThan(0);
    expect(sample(samples, 'postgres_sequence_used_max_percent')).toBeCloseTo((100 * 100_000) / 2_147_483_647, 5);
    expect(detail.sequences[0]).toMatchObject({ table: 'actions_mediaaction', column: 'id', columnType: 'integer' });
    expect(sample(samples, 'postgres_database_size_bytes')).toBeGreaterThan(10 * 2 ** 20);
    const labelNames = new Set(samples.flatMap((s) => Object.keys(s.labels)));
    expect([...labelNames].sort()).toEqual(['kind', 'state']);
  });

  it('degrades the checks a role without grants cannot do, and still answers, when the bot lacks privileges', async () => {
    const role = `cinemata_ops_nopriv_${randomBytes(3).toString('hex')}`;
    const admin = await db().client();
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    try {
      const url = new URL(db().url);
      url.username = role;
      const limited = createPgClient({ url: url.toString(), statementTimeoutMs: 5_000, log: createCapturingLogger().log });
      const block = await blockAnUpdate(db());
      try {
        const { detail, samples } = await collect(limited);
        const checks = detail.degraded.map((d) => d.check);
        expect(checks).toEqual(expect.arrayContaining(['sessions', 'search latency', 'index suggestions']));
        expect(detail.degraded.find((d) => d.check === 'sessions')?.reason).toMatch(new RegExp(`GRANT pg_read_all_stats TO ${role}`));
        expect(detail.degraded.find((d) => d.check === 'search latency')?.reason).toMatch(/permission denied for table files_media/);
        expect(sample(samples, 'postgres_search_seconds')).toBeUndefined();
        expect(sample(samples, 'postgres_roundtrip_seconds')).toBeGreaterThan(0);
        expect(detail.connections.hidden).toBeGreaterThanOrEqual(2);
      } finally {
        await block.release();
        await limited.close();
      }
    } finally {
      await admin.query(`DROP OWNED BY ${role}; DROP ROLE ${role}`);
    }
  });
  it('lists a statement running past postgres.longQuery, and never the bot itself, when one runs long', async () => {
    const slow = await db().client();
    const slowPid = await pidOf(slow);
    const running = slow.query('SELECT pg_sleep(3)');
    await new Promise((r) => setTimeout(r, 1_200));
    const { detail, samples } = await collect(client, { longQuery: 1_000 });
    expect(detail.longQueries.map((q) => [q.pid, q.query])).toEqual([[slowPid, 'SELECT pg_sleep(3)']]);
    expect(detail.longQueries[0]?.durationSeconds).toBeGreaterThanOrEqual(1);
    expect(sample(samples, 'postgres_long_running_queries')).toBe(1);
    await running;
  });

  it('flags the fullest sequence when an integer id column is past 90 % of its range', async () => {
    const admin = await db().client();
    await admin.query("SELECT setval('users_user_id_seq', 2000000000)");
    const { detail, samples } = await collect(client);
    expect(detail.sequences[0]).toMatchObject({ table: 'users_user', column: 'id', sequence: 'users_user_id_seq', lastValue: 2_000_000_000, maxValue: 2_147_483_647 });
    expect(sample(samples, 'postgres_sequence_used_max_percent')).toBeCloseTo((100 * 2_000_000_000) / 2_147_483_647, 6);
  });
  it('reports an inactive replication slot with the WAL it keeps, and a NOT VALID constraint, when both are left behind', async () => {
    const admin = await db().client();
    const slot = `cinemata_ops_test_${randomBytes(3).toString('hex')}`;
    await admin.query('SELECT pg_create_physical_replication_slot($1, true)', [slot]);
    await admin.query('ALTER TABLE files_media ADD CONSTRAINT ops_views_not_negative CHECK (views >= 0) NOT VALID');
    try {
      const { detail, samples } = await collect(client);
      expect(detail.replication).toMatchObject({ inRecovery: false, lagSeconds: null });
      expect(detail.replication?.inactiveSlots.find((s) => s.slot === slot)).toMatchObject({ type: 'physical', retainedBytes: expect.any(Number) });
      expect(sample(samples, 'postgres_inactive_replication_slots')).toBeGreaterThanOrEqual(1);
      expect(sample(samples, 'postgres_replication_lag_seconds')).toBeUndefined();
      expect(detail.invalidConstraints).toEqual([{ schema: 'public', table: 'files_media', constraint: 'ops_views_not_negative' }]);
      expect(sample(samples, 'postgres_invalid_constraints')).toBe(1);
    } finally {
      await admin.query('SELECT pg_drop_replication_slot($1)', [slot]);
      await admin.query('ALTER TABLE files_media DROP CONSTRAINT ops_views_not_negative');
    }
  });
});
