// `cinemata-ops report query-audit --json` against a PostgreSQL with ≥ 5,000 distinct statements in
// pg_stat_statements and ≥ 100,000 media rows: wall time of the whole process, and the database time the bot's own
// statements cost per audit (read from pg_stat_statements itself, by the /* cinemata-ops */ marker). The peer, run
// the same number of times and interleaved: PgHero's slow-queries SQL through psql (PgHero itself is a Rails app).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { median, timeProcess } from './lib.mjs';

const ROOT = join(import.meta.dirname, '..');
const TEMPLATE = 'cinemata_ops_template';
const BENCH_DB = 'cinemata_ops_bench';
const DAY = 86_400_000;

// PgHero's current_query_stats (lib/pghero/methods/query_stats.rb), which slow_queries filters in Ruby by
// calls >= 100 and average_time >= 20 ms.
const PGHERO_SQL = `WITH query_stats AS (
  SELECT LEFT(query, 10000) AS query, queryid AS query_hash, rolname AS user,
         ((total_plan_time + total_exec_time) / 1000 / 60) AS total_minutes,
         ((total_plan_time + total_exec_time) / calls) AS average_time, calls
  FROM pg_stat_statements
  INNER JOIN pg_database ON pg_database.oid = pg_stat_statements.dbid
  INNER JOIN pg_roles ON pg_roles.oid = pg_stat_statements.userid
  WHERE calls > 0 AND pg_database.datname = current_database()
)
SELECT query, query_hash, query_stats.user, total_minutes, calls,
       (SELECT SUM(total_minutes) FROM query_stats) AS all_queries_total_minutes
FROM query_stats ORDER BY total_minutes DESC LIMIT 100`;

// The bot's top-level statements: the marker, plus the transaction wrapper pg-client sends unmarked.
const OWN = `toplevel AND (query LIKE '/* cinemata-ops */%' OR query ~ '^(BEGIN READ ONLY|SET LOCAL (statement_timeout|lock_timeout) = [0-9]+)$')`;
const PEER = `toplevel AND query LIKE 'WITH query_stats AS (%'`;

function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Database time (ms) and calls of the statements matching `filter` in the bench database, so far. */
async function dbTime(url, filter) {
  return withClient(url, async (c) => {
    const { rows } = await c.query(
      `SELECT coalesce(sum(total_exec_time + total_plan_time), 0)::float8 AS ms, coalesce(sum(calls), 0)::float8 AS calls
         FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND ${filter}`,
    );
    return rows[0];
  });
}

/** A clone of the test template with ≥ 100k media rows and pg_stat_statements created. */
async function prepareDatabase(adminUrl, mediaRows) {
  await withClient(adminUrl, async (c) => {
    const template = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE]);
    if (template.rowCount === 0) throw new Error(`no ${TEMPLATE} database: run the PostgreSQL tests once (npx vitest run test/postgres), which build it`);
    await c.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${BENCH_DB} TEMPLATE ${TEMPLATE}`);
  });
  const url = withDatabase(adminUrl, BENCH_DB);
  await withClient(url, async (c) => {
    const { rows } = await c.query('SELECT count(*)::int AS n, max(id) AS max FROM files_media');
    const missing = mediaRows - rows[0].n;
    if (missing > 0) {
      // Copies of existing rows with new ids, uids and tokens: every column stays plausible without listing them.
      await c.query(
        `INSERT INTO files_media
         SELECT (jsonb_populate_record(NULL::files_media, to_jsonb(m) || jsonb_build_object(
                  'id', m.id + $2::int, 'uid', md5('bench' || m.id)::uuid, 'friendly_token', substr(md5('bench-token' || m.id), 1, 9)))).*
           FROM files_media m WHERE m.id <= $1`,
        [missing, rows[0].max],
      );
    }
    await c.query('ANALYZE files_media');
    await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  });
  return url;
}

const COLUMNS = ['id', 'title', 'state', 'views', 'likes', 'add_date', 'user_id', 'encoding_status', 'featured', 'duration', 'friendly_token', 'is_reviewed', 'media_type', 'comment_count'];

/**
 * Runs `count` statements with distinct query ids: pg_stat_statements folds constants, so each one selects a
 * different subset of columns (the bits of its number), which changes the parse tree.
 */
async function runDistinctStatements(url, count) {
  await withClient(url, async (c) => {
    for (let n = 1; n <= count; n++) {
      const columns = COLUMNS.filter((_, bit) => n & (1 << bit));
      await c.query(`SELECT ${columns.join(', ')} FROM files_media WHERE id = ${1 + (n % 100_000)}`);
    }
    // A few statements the app runs, a few times each, so the top of the audit looks like a real site's.
    for (let i = 0; i < 20; i++) {
      await c.query("SELECT count(*) FROM files_media WHERE is_reviewed AND state = 'public' AND search @@ to_tsquery('climate:*')");
      await c.query("SELECT * FROM files_media WHERE encoding_status = 'success' AND is_reviewed AND state = 'public' ORDER BY add_date DESC LIMIT 50");
    }
  });
}

/** Stores snapshots 14 and 7 days back, as the snapshot schedule would have, through the built modules. */
async function seedSnapshot(url, storePath, at) {
  const { createPgClient } = await import('../dist/src/postgres/pg-client.js');
  const { collectStatements } = await import('../dist/src/postgres/statements/take-snapshot.js');
  const { openSqliteStore } = await import('../dist/src/store/sqlite-store.js');
  const postgres = createPgClient({ url, statementTimeoutMs: 10_000, log: pino({ level: 'silent' }) });
  const store = openSqliteStore(storePath);
  try {
    await collectStatements({ postgres, store, now: () => at }, { recordAfterMs: 0 });
  } finally {
    store.close();
    await postgres.close();
  }
}

export async function benchPostgresAudit(runs = Number(process.env.BENCH_PG_RUNS ?? 7), options = {}) {
  const statements = options.statements ?? 5_000;
  const mediaRows = options.mediaRows ?? 100_000;
  const started = spawnSync('bash', [join(ROOT, 'scripts', 'test-postgres.sh'), 'start'], { encoding: 'utf8' });
  if (started.status !== 0) throw new Error(`scripts/test-postgres.sh start failed: ${started.stderr}`);
  const adminUrl = started.stdout.trim().split('\n').pop();
  const url = await prepareDatabase(adminUrl, mediaRows);

  const cwd = mkdtempSync(join(tmpdir(), 'bench-pg-'));
  const storePath = join(cwd, 'store.sqlite');
  const env = { ...process.env, CINEMATA_DATABASE_URL: url, CINEMATA_OPS_DB: storePath, CINEMATA_OPS_LOG_FILE: join(cwd, 'ops.log'), NO_COLOR: '1' };
  const cli = ['node', join(ROOT, 'bin', 'cinemata-ops.js'), 'report', 'query-audit', '--json'];
  const help = spawnSync(process.execPath, [join(ROOT, 'bin', 'cinemata-ops.js'), 'help', 'report'], { cwd, env, encoding: 'utf8' });
  if (help.status !== 0) throw new Error(`the built CLI has no report command (add it to commands/index.ts and npm run build): ${help.stderr.trim()}`);

  // Three rounds of the same statements: two windows of a week each for the audit to diff and compare.
  const now = Date.now();
  await runDistinctStatements(url, statements);
  await seedSnapshot(url, storePath, now - 14 * DAY);
  await runDistinctStatements(url, statements);
  await seedSnapshot(url, storePath, now - 7 * DAY);
  await runDistinctStatements(url, statements);
  const distinct = await withClient(url, async (c) => (await c.query('SELECT count(*)::int AS n FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())')).rows[0].n);
  const media = await withClient(url, async (c) => (await c.query('SELECT count(*)::int AS n FROM files_media')).rows[0].n);

  const peer = ['psql', '-X', '-q', '-o', '/dev/null', url, '-c', PGHERO_SQL];
  // Floor: the same CLI doing nothing with the database, i.e. Node and the bot's own start-up.
  const floor = ['node', join(ROOT, 'bin', 'cinemata-ops.js'), 'version', '--json'];
  // Warm-up: the first audit keeps its reading as a snapshot and caches 5,000 texts; later ones are the steady state.
  await timeProcess(cli, { cwd, env });
  await timeProcess(peer, { cwd, env });
  const audit = [];
  const pgHero = [];
  const startup = [];
  for (let i = 0; i < runs; i++) {
    const ownBefore = await dbTime(url, OWN);
    const a = await timeProcess(cli, { cwd, env });
    const ownAfter = await dbTime(url, OWN);
    audit.push({ ...a, dbMs: ownAfter.ms - ownBefore.ms, calls: ownAfter.calls - ownBefore.calls });
    const peerBefore = await dbTime(url, PEER);
    const p = await timeProcess(peer, { cwd, env });
    const peerAfter = await dbTime(url, PEER);
    pgHero.push({ ...p, dbMs: peerAfter.ms - peerBefore.ms });
    startup.push(await timeProcess(floor, { cwd, env }));
  }
  const sample = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'bin', 'cinemata-ops.js'), 'report', 'query-audit', '--json'], { cwd, env, encoding: 'utf8' }));
  const summary = {
    audit: {
      wallSeconds: median(audit.map((r) => r.wallSeconds)),
      peakRssMiB: median(audit.map((r) => r.peakRssKiB)) / 1024,
      ownDbMs: median(audit.map((r) => r.dbMs)),
      ownStatements: median(audit.map((r) => r.calls)),
    },
    pgHeroPsql: { wallSeconds: median(pgHero.map((r) => r.wallSeconds)), peakRssMiB: median(pgHero.map((r) => r.peakRssKiB)) / 1024, dbMs: median(pgHero.map((r) => r.dbMs)) },
    cliStartup: { wallSeconds: median(startup.map((r) => r.wallSeconds)), peakRssMiB: median(startup.map((r) => r.peakRssKiB)) / 1024 },
  };
  await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`));
  rmSync(cwd, { recursive: true, force: true });
  return {
    runs,
    distinctStatements: distinct,
    mediaRows: media,
    reportTitle: sample.title,
    summary,
    ratios: { wall: summary.audit.wallSeconds / summary.pgHeroPsql.wallSeconds, dbTime: summary.audit.ownDbMs / summary.pgHeroPsql.dbMs },
    raw: { audit, pgHero, startup },
  };
}

// `node bench/postgres-audit.mjs` runs it alone and prints the figures.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchPostgresAudit(), null, 2));
}
