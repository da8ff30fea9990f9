import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { TEMPLATE_DB, withDatabase } from './support/pg-url.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test PostgreSQL (pg_stat_statements loaded), or null when none could be had. */
    pgUrl: string | null;
    /** Why pgUrl is null. */
    pgUnavailable: string | null;
  }
}

const ROOT = join(import.meta.dirname, '..');

/**
 * Finds or starts the private test cluster (scripts/test-postgres.sh), then builds the template database with the
 * CinemataCMS schema and generated data once; test files clone it. In CI a missing database fails the run.
 */
export async function setup(project: TestProject): Promise<void> {
  let url = process.env.TEST_PG_URL ?? null;
  let reason: string | null = null;
  if (!url) {
    const started = spawnSync('bash', [join(ROOT, 'scripts', 'test-postgres.sh'), 'start'], { encoding: 'utf8' });
    if (started.status === 0) url = started.stdout.trim().split('\n').pop() ?? null;
    else reason = `scripts/test-postgres.sh failed: ${started.stderr.trim() || started.stdout.trim()}`;
  }
  if (url) {
    try {
      await ensureTemplate(url);
    } catch (error) {
      reason = `cannot prepare the test database at ${url}: ${(error as Error).message}`;
      url = null;
    }
  }
  if (!url && process.env.CI) throw new Error(`PostgreSQL tests must run in CI: ${reason}`);
  if (!url) process.stderr.write(`\n[notice] PostgreSQL tests are skipped: ${reason}\n\n`);
  project.provide('pgUrl', url);
  project.provide('pgUnavailable', reason);
}

async function ensureTemplate(url: string): Promise<void> {
  const schema = readFileSync(join(ROOT, 'test', 'fixtures', 'postgres', 'cinemata-schema.sql'), 'utf8');
  const seed = readFileSync(join(ROOT, 'test', 'fixtures', 'postgres', 'seed.sql'), 'utf8');
  const version = createHash('sha256').update(schema).update(seed).digest('hex').slice(0, 16);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const existing = await admin.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [TEMPLATE_DB],
    );
    if (existing.rows[0]?.comment === version) return;
    if (existing.rows.length > 0) {
      await admin.query(`ALTER DATABASE ${TEMPLATE_DB} IS_TEMPLATE false`);
      await admin.query(`DROP DATABASE ${TEMPLATE_DB} WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    const db = new pg.Client({ connectionString: withDatabase(url, TEMPLATE_DB) });
    await db.connect();
    try {
      await db.query(schema);
      await db.query('SET search_path = public');
      await db.query(seed);
      await db.query('VACUUM ANALYZE');
    } finally {
      await db.end();
    }
    await admin.query(`COMMENT ON DATABASE ${TEMPLATE_DB} IS '${version}'`);
    await admin.query(`ALTER DATABASE ${TEMPLATE_DB} IS_TEMPLATE true`);
  } finally {
    await admin.end();
  }
}

