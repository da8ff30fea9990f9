import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, inject } from 'vitest';
import { TEMPLATE_DB, withDatabase } from './pg-url.js';


/**
 * `describe` for tests that need PostgreSQL: runs them against a fresh clone of the CinemataCMS template database
 * (schema + generated data), dropped afterwards. Where no PostgreSQL could be had (a laptop), the suite is skipped
 * with the reason in its name; in CI the global setup fails instead, so these never skip there.
 */
export function describeWithPostgres(name: string, body: (db: () => TestDatabase) => void): void {
  const adminUrl = inject('pgUrl');
  if (!adminUrl) {
    describe.skip(`${name} (skipped: ${inject('pgUnavailable')})`, () => undefined);
    return;
  }
  let current: TestDatabase | undefined;
  describe(name, () => {
    afterAll(async () => {
      await current?.drop();
    });
    body(() => {
      current ??= createTestDatabase(adminUrl);
      return current;
    });
  });
}

export interface TestDatabase {
  /** URL of the cloned database. */
  url: string;
  /** URL of the cluster's admin database, for cluster-wide statements. */
  adminUrl: string;
  name: string;
  /** Resolves once the clone exists. */
  ready: Promise<void>;
  /** A connected client on the clone; closed by `drop()`. */
  client(): Promise<pg.Client>;
  drop(): Promise<void>;
}

function createTestDatabase(adminUrl: string): TestDatabase {
  const name = `cinemata_ops_t_${randomBytes(4).toString('hex')}`;
  const clients: pg.Client[] = [];
  const ready = (async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
    } finally {
      await admin.end();
    }
  })();
  const url = withDatabase(adminUrl, name);
  return {
    url,
    adminUrl,
    name,
    ready,
    async client() {
      await ready;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      clients.push(client);
      return client;
    },
    async drop() {
      await Promise.allSettled(clients.map((c) => c.end()));
      await ready.catch(() => undefined);
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
