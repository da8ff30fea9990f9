import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { createPgClient } from '../../src/postgres/pg-client.js';
import { ENABLE_PG_STAT_STATEMENTS } from '../../src/postgres/pg-errors.js';
import { readStatements } from '../../src/postgres/statements/read-statements.js';
import { createCapturingLogger } from '../helpers/capture-log.js';

/** The newest PostgreSQL server binaries, as scripts/test-postgres.sh finds them. */
function serverBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  return newest === undefined ? undefined : join(root, newest, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs a server binary as postgres when we are root (initdb refuses root), as ourselves otherwise. */
function runAsPostgres(bin: string, args: string[]): void {
  if (process.getuid?.() === 0) execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', [bin, ...args].map((a) => `'${a}'`).join(' ')], { stdio: 'pipe' });
  else execFileSync(bin, args, { stdio: 'pipe' });
}

const bin = serverBin();

// A second, throwaway cluster *without* shared_preload_libraries: the only way to see the real "not loaded" error.
// initdb --no-sync and start take under a second.
(bin === undefined ? describe.skip : describe)(`pg_stat_statements not preloaded${bin === undefined ? ' (skipped: no PostgreSQL server binaries)' : ''}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'cinemata-ops-nopreload-'));
  const data = join(dir, 'data');
  let url = '';

  beforeAll(async () => {
    if (process.getuid?.() === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), 0);
    const port = await freePort();
    runAsPostgres(join(bin as string, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    runAsPostgres(join(bin as string, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off`]);
    url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  }, 60_000);

  afterAll(() => {
    if (existsSync(join(data, 'postmaster.pid'))) runAsPostgres(join(bin as string, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  });

  async function readError(): Promise<UserError> {
    const client = createPgClient({ url, statementTimeoutMs: 5_000, log: createCapturingLogger().log });
    try {
      await readStatements(client, { now: Date.now(), hasText: () => false });
    } catch (error) {
      if (error instanceof UserError) return error;
      throw error;
    } finally {
      await client.close();
    }
    throw new Error('expected a failure');
  }

  it('says how to install it when CREATE EXTENSION was not run', async () => {
    const error = await readError();
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe(`pg_stat_statements is not installed in ${new URL(url).host}/postgres: ${ENABLE_PG_STAT_STATEMENTS}`);
  });

  it('says to preload it and restart when the extension exists but the library is not in shared_preload_libraries', async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('CREATE EXTENSION pg_stat_statements');
    await admin.end();
    const error = await readError();
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe(`pg_stat_statements is not loaded at ${new URL(url).host}/postgres: ${ENABLE_PG_STAT_STATEMENTS}`);
    expect(error.message).toMatch(/shared_preload_libraries.*restart PostgreSQL.*CREATE EXTENSION pg_stat_statements/);
  });
});
