import { afterAll, beforeAll, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import slowQueries from '../../commands/slow-queries.js';
import type { Command, OptionSpecs } from '../../src/dispatch/command.js';
import type { DispatchResult } from '../../src/dispatch/dispatch.js';
import { createPgClient, type PgClient } from '../../src/postgres/pg-client.js';
import { takeStatementsSnapshot } from '../../src/postgres/statements/take-snapshot.js';
import type { Block, Report } from '../../src/reports/report.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { describeWithPostgres } from '../support/postgres.js';

const HOUR = 3_600_000;
/** The shipped commands plus slow-queries, whether or not commands/index.ts lists it yet. */
const withSlowQueries: ReadonlyArray<Command<OptionSpecs>> = [
  ...commands.filter((c) => c.name !== slowQueries.name),
  slowQueries as unknown as Command<OptionSpecs>,
];

function ok(result: DispatchResult): Report {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.report;
}

function topTable(r: Report): Extract<Block, { kind: 'table' }> | undefined {
  return r.sections.find((s) => s.title?.startsWith('Top '))?.blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
}

describeWithPostgres('slow-queries command', (db) => {
  let postgres: PgClient;
  let t: TestApp;
  beforeAll(async () => {
    const admin = await db().client();
    await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    postgres = createPgClient({ url: db().url, statementTimeoutMs: 5_000, log: createCapturingLogger().log });
    t = createTestApp([], { postgres, commands: withSlowQueries });
  });
  afterAll(async () => {
    t.store.close();
    await postgres.close();
  });
  const run = (...args: string[]) => t.app.dispatch({ platform: 'cli', user: { id: 'root' }, command: 'slow-queries', args });

  it('lists the statement that used the most time in the window first, flagged slow by PgHero’s rule, with what to do', async () => {
    const app = await db().client();
    await takeStatementsSnapshot({ postgres, store: t.store, now: t.clock.now });
    // 100 calls of ~20 ms or more: PgHero's default slow rule (mean ≥ 20 ms, calls ≥ 100).
    for (let i = 0; i < 100; i++) await app.query('SELECT pg_sleep(0.02), count(*) FROM files_media WHERE state = $1', ['public']);
    for (let i = 0; i < 20; i++) await app.query('SELECT title FROM files_media WHERE id = $1', [i + 1]);
    for (let i = 0; i < 10; i++) await app.query('SELECT count(*) FROM users_user WHERE is_active = $1', [true]);
    t.clock.advance(HOUR);
    const r = ok(await run('--since', '1h', '--limit', '3'));
    expect(r.severity).toBe('warning');
    const table = topTable(r);
    expect(table?.rows).toHaveLength(3);
    const first = table?.rows[0];
    expect(first?.cells.at(-1)).toMatch(/^SELECT pg_sleep\(\$\d\), count\(\*\) FROM files_media WHERE state = \$\d$/);
    expect(first?.cells[1]).toBe('100');
    expect(first?.cells[6]).toContain('slow');
    expect(JSON.stringify(r)).toContain('EXPLAIN (ANALYZE, BUFFERS) it with real values');
    expect(JSON.stringify(r)).toMatch(/Last 1 h: /);
  });

  it('ranks by calls when asked', async () => {
    const r = ok(await run('--since', '1h', '--by', 'calls'));
    expect(r.sections.some((s) => s.title?.startsWith('Top ') && s.title.endsWith('by calls'))).toBe(true);
  });

  it('refuses a limit above 100 and a ranking it does not know', async () => {
    for (const args of [['--limit', '101'], ['--by', 'speed']]) {
      const result = await run(...args);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('bad_option');
    }
  });
});
