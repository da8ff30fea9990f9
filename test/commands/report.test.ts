import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import reportCommand from '../../commands/report.js';
import type { Command, OptionSpecs } from '../../src/dispatch/command.js';
import type { DispatchResult } from '../../src/dispatch/dispatch.js';
import { createPgClient, type PgClient } from '../../src/postgres/pg-client.js';
import { ENABLE_PG_STAT_STATEMENTS } from '../../src/postgres/pg-errors.js';
import { takeStatementsSnapshot } from '../../src/postgres/statements/take-snapshot.js';
import { findReportBuilder, REPORT_BUILDERS } from '../../src/reports/registry.js';
import type { Report } from '../../src/reports/report.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { describeWithPostgres } from '../support/postgres.js';

const DAY = 86_400_000;
/** The shipped commands plus report, whether or not commands/index.ts lists it yet. */
const withReport: ReadonlyArray<Command<OptionSpecs>> = [...commands.filter((c) => c.name !== reportCommand.name), reportCommand as unknown as Command<OptionSpecs>];

function ok(result: DispatchResult): Report {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.report;
}

const titles = (r: Report): string[] => r.sections.map((s) => (s.title ?? '').replace(/ \(\d+\)$/, ''));
const text = (r: Report): string => JSON.stringify(r);

describe('report registry', () => {
  it('lists the query audits under kebab-case ids, once each', () => {
    expect(REPORT_BUILDERS.map((b) => b.id)).toEqual(['query-audit', 'query-log-audit', 'encoding-failures']);
  });

  it('answers a missing id with the list of reports, and an unknown one with the closest id', () => {
    expect(() => findReportBuilder(undefined)).toThrow(expect.objectContaining({ code: 'missing_argument', hint: 'reports: query-audit, query-log-audit, encoding-failures' }));
    expect(() => findReportBuilder('query-audt')).toThrow(expect.objectContaining({ code: 'bad_option', hint: 'did you mean "query-audit"? reports: query-audit, query-log-audit, encoding-failures' }));
  });
});

describeWithPostgres('report command', (db) => {
  let postgres: PgClient;
  let t: TestApp;
  beforeAll(async () => {
    await db().ready;
    postgres = createPgClient({ url: db().url, statementTimeoutMs: 5_000, log: createCapturingLogger().log });
    t = createTestApp([], { postgres, commands: withReport });
  });
  afterAll(async () => {
    t.store.close();
    await postgres.close();
  });
  const run = (...args: string[]) => t.app.dispatch({ platform: 'cli', user: { id: 'root' }, command: 'report', args });

  it('says exactly how to enable pg_stat_statements when the extension is missing', async () => {
    const admin = await db().client();
    await admin.query('DROP EXTENSION IF EXISTS pg_stat_statements');
    const result = await run('query-audit');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('unavailable');
      expect(result.error.message).toBe(`pg_stat_statements is not installed in ${new URL(db().url).host}/${db().name}: ${ENABLE_PG_STAT_STATEMENTS}`);
    }
    await admin.query('CREATE EXTENSION pg_stat_statements');
  });

  it('audits "since the statistics were reset" on a fresh store, and says so', async () => {
    const r = ok(await run('query-audit'));
    expect(r.title).toBe('Weekly query audit');
    expect(titles(r)).toEqual(['', 'Top 20 statements by total time', 'Regressions', 'New statements', "Slow by PgHero's rule (mean ≥ 20 ms and ≥ 100 calls)", 'Index and query advice']);
    expect(text(r)).toContain('No snapshot is old enough yet for the last 7 days: these figures cover everything since pg_stat_statements was last reset');
    expect(text(r)).toContain("cinemata-ops' own queries");
  });

  it('audits the last 7 days from the snapshot taken a week ago, with new statements and advice', async () => {
    const app = await db().client();
    await takeStatementsSnapshot({ postgres, store: t.store, now: t.clock.now });
    t.clock.advance(7 * DAY);
    for (let i = 0; i < 3; i++) {
      await app.query(
        "SELECT count(*) AS __count FROM actions_mediaaction INNER JOIN files_media ON (actions_mediaaction.media_id = files_media.id) WHERE (actions_mediaaction.action = 'watch' AND actions_mediaaction.action_date >= now() - interval '7 days' AND files_media.friendly_token = $1)",
        ['78b1e6d77'],
      );
    }
    const r = ok(await run('query-audit'));
    expect(text(r)).toMatch(/Last 7 days: \d{4}-\d\d-\d\d \d\d:\d\d UTC to/);
    const fresh = r.sections.find((s) => s.title?.startsWith('New statements'));
    expect(text({ ...r, sections: fresh ? [fresh] : [] })).toContain('FROM actions_mediaaction INNER JOIN files_media');
    expect(text(r)).toContain('get_list_of_popular_media runs this twice per public media');
    expect(text(r)).not.toMatch(/"\/\* cinemata-ops \*\//);
  });

  it('builds the monthly query log audit with the bot’s own cost and what appeared or disappeared', async () => {
    const r = ok(await run('query-log-audit'));
    expect(r.title).toBe('Monthly query log audit');
    expect(titles(r)).toEqual(expect.arrayContaining(['Top 15 by total time', 'Top 10 by calls', "cinemata-ops' own cost", 'Statements that appeared', 'Statements that disappeared']));
  });

  it('refuses a missing or unknown report id with the list or a suggestion', async () => {
    const missing = await run();
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error).toMatchObject({ kind: 'usage', code: 'missing_argument', hint: 'reports: query-audit, query-log-audit, encoding-failures' });
    const typo = await run('query-log-audt');
    if (!typo.ok) expect(typo.error).toMatchObject({ code: 'bad_option', hint: expect.stringContaining('did you mean "query-log-audit"?') });
    expect(typo.ok).toBe(false);
  });
});
