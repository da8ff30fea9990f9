import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { createPgClient } from '../../src/postgres/pg-client.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { describeWithPostgres } from '../support/postgres.js';

async function failure(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('pg client without a server', () => {
  it('says the connection was refused, naming host and port, when nothing listens', async () => {
    const client = createPgClient({ url: 'postgres://ops@127.0.0.1:1/mediacms', statementTimeoutMs: 1000, log: createCapturingLogger().log });
    const error = await failure(client.readOnly((q) => q('SELECT 1')));
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe(
      'cannot reach PostgreSQL at 127.0.0.1:1/mediacms: connection refused (is the server running, and is CINEMATA_DATABASE_URL right?)',
    );
    await client.close();
  });
});

describeWithPostgres('pg client', (db) => {
  const open = async (timeoutMs = 2_000) => {
    await db().ready;
    return createPgClient({ url: db().url, statementTimeoutMs: timeoutMs, log: createCapturingLogger().log });
  };

  it('reads inside a read-only transaction', async () => {
    const client = await open();
    const rows = await client.readOnly((q) => q<{ transaction_read_only: string }>('SHOW transaction_read_only'));
    expect(rows[0]?.transaction_read_only).toBe('on');
    await client.close();
  });

  it('refuses any write, so a diagnostic can never change CinemataCMS data', async () => {
    const client = await open();
    const error = await failure(client.readOnly((q) => q('UPDATE files_media SET views = 0 WHERE id = 1')));
    expect(error.message).toMatch(/refused to write; the bot only reads/);
    const after = await client.readOnly((q) => q<{ views: number }>('SELECT views FROM files_media WHERE id = $1', [1]));
    expect(after[0]?.views).not.toBeUndefined();
    await client.close();
  });

  it('cancels a query at the statement timeout and says so', async () => {
    const client = await open(200);
    const error = await failure(client.readOnly((q) => q('SELECT pg_sleep(2)')));
    expect(error.message).toMatch(/ran past the 200ms statement timeout and was cancelled/);
    await client.close();
  });

  it('names the missing grant when the role lacks permission', async () => {
    const admin = await db().client();
    await admin.query('DROP ROLE IF EXISTS cinemata_ops_nopriv');
    await admin.query('CREATE ROLE cinemata_ops_nopriv LOGIN');
    await admin.query('REVOKE ALL ON files_media FROM PUBLIC');
    const url = new URL(db().url);
    url.username = 'cinemata_ops_nopriv';
    const client = createPgClient({ url: url.toString(), statementTimeoutMs: 2000, log: createCapturingLogger().log });
    const error = await failure(client.readOnly((q) => q('SELECT count(*) FROM files_media')));
    expect(error.message).toMatch(/permission denied for table files_media; grant the bot's role pg_monitor/);
    await client.close();
    await admin.query('DROP OWNED BY cinemata_ops_nopriv; DROP ROLE cinemata_ops_nopriv');
  });

  it('says the database does not exist', async () => {
    const url = new URL(db().url);
    url.pathname = '/no_such_database';
    const client = createPgClient({ url: url.toString(), statementTimeoutMs: 2000, log: createCapturingLogger().log });
    const error = await failure(client.readOnly((q) => q('SELECT 1')));
    expect(error.message).toMatch(/database "no_such_database" does not exist/);
    await client.close();
  });

  it('keeps a bug in the caller an internal error, not an outage', async () => {
    const client = await open();
    await expect(client.readOnly(async () => {
      throw new TypeError('undefined is not a function');
    })).rejects.toBeInstanceOf(TypeError);
    await client.close();
  });
});
