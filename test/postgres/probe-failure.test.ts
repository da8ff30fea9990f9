import { afterEach, describe, expect, it } from 'vitest';
import bloat from '../../commands/bloat.js';
import connections from '../../commands/connections.js';
import db from '../../commands/db.js';
import indexes from '../../commands/indexes.js';
import { commands } from '../../commands/index.js';
import locks from '../../commands/locks.js';
import type { Command, OptionSpecs } from '../../src/dispatch/command.js';
import { createPgClient, type PgClient } from '../../src/postgres/pg-client.js';
import { createProbes } from '../../src/probes/index.js';
import { createPostgresProbe } from '../../src/probes/postgres.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { createTestApp, testConfig } from '../helpers/test-app.js';
import { describeWithPostgres } from '../support/postgres.js';

// Until commands/index.ts lists them, the PostgreSQL commands are added here (once, whichever way round).
const postgresCommands: Array<Command<OptionSpecs>> = [db, locks, connections, bloat, indexes];
const allCommands = [...commands.filter((c) => !postgresCommands.some((p) => p.name === c.name)), ...postgresCommands];

const REFUSED = 'cannot reach PostgreSQL at 127.0.0.1:1/mediacms: connection refused (is the server running, and is CINEMATA_DATABASE_URL right?)';
const opened: PgClient[] = [];

function openClient(url: string): PgClient {
  const client = createPgClient({ url, statementTimeoutMs: 2_000, log: createCapturingLogger().log });
  opened.push(client);
  return client;
}

function appWith(client: PgClient) {
  const config = testConfig(makeTempDir());
  return createTestApp([createPostgresProbe({ client, settings: config.postgres })], { config, postgres: client, commands: allCommands });
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
});

describe('postgres probe when PostgreSQL cannot be reached', () => {
  it('records a blind spot with the documented message when the connection is refused, and keeps running', async () => {
    const { app } = appWith(openClient('postgres://ops@127.0.0.1:1/mediacms'));
    await app.tick();
    const status = app.runner.statuses().find((s) => s.id === 'postgres');
    expect(status).toMatchObject({ ok: false, error: REFUSED, consecutiveFailures: 1 });
    expect(app.history.latest('postgres_up')).toBeUndefined();
  });

  it('answers db, locks, connections, bloat and indexes with a clear unavailable error when the connection is refused', async () => {
    const { app } = appWith(openClient('postgres://ops@127.0.0.1:1/mediacms'));
    for (const command of ['db', 'locks', 'connections', 'bloat', 'indexes']) {
      const result = await app.dispatch({ platform: 'cli', user: { id: 'tester' }, command, args: [] });
      expect(result, command).toMatchObject({ ok: false, error: { kind: 'user', code: 'unavailable', message: REFUSED } });
    }
  });

  it('says PostgreSQL is not configured when CINEMATA_DATABASE_URL is not set', async () => {
    const { app } = createTestApp([], { commands: allCommands });
    const result = await app.dispatch({ platform: 'cli', user: { id: 'tester' }, command: 'db', args: [] });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'user', code: 'unavailable', message: 'PostgreSQL is not configured', hint: expect.stringContaining('CINEMATA_DATABASE_URL') },
    });
  });

  it('runs the postgres probe only when a database is configured', () => {
    const config = testConfig(makeTempDir());
    expect(createProbes(config, { oneShot: false }).map((p) => p.id)).not.toContain('postgres');
    const client = openClient('postgres://ops@127.0.0.1:1/mediacms');
    expect(createProbes(config, { oneShot: false, postgres: client }).map((p) => p.id)).toContain('postgres');
  });
});

describeWithPostgres('postgres probe when the login is refused', (database) => {
  it('records the refused login as a blind spot, naming the server', async () => {
    await database().ready;
    const url = new URL(database().url);
    url.username = 'no_such_role_cinemata_ops';
    const { app } = appWith(openClient(url.toString()));
    const reading = await app.runner.read('postgres');
    expect(reading).toMatchObject({ ok: false, error: expect.stringMatching(/^PostgreSQL at 127\.0\.0\.1:\d+\/cinemata_ops_t_\w+ refused the login: role "no_such_role_cinemata_ops" does not exist$/) });
  });
});
