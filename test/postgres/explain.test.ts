import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import explain from '../../commands/explain.js';
import type { Command, OptionSpecs } from '../../src/dispatch/command.js';
import type { DispatchResult } from '../../src/dispatch/dispatch.js';
import { UserError } from '../../src/errors.js';
import { summarizePlan, type ExplainOutput } from '../../src/postgres/explain/plan-summary.js';
import { buildSearchTsQuery } from '../../src/postgres/explain/search-term.js';
import { createPgClient, type PgClient } from '../../src/postgres/pg-client.js';
import type { Block, Report } from '../../src/reports/report.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { describeWithPostgres } from '../support/postgres.js';

/** The shipped commands plus explain, whether or not commands/index.ts lists it yet. */
const withExplain: ReadonlyArray<Command<OptionSpecs>> = [...commands.filter((c) => c.name !== explain.name), explain as unknown as Command<OptionSpecs>];

function report(result: DispatchResult): Report {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.report;
}

function field(r: Report, label: string): string | undefined {
  for (const section of r.sections) for (const block of section.blocks) if (block.kind === 'fields') for (const f of block.fields) if (f.label === label) return f.value;
  return undefined;
}

function planNodes(r: Report, shape: string): string[] {
  const section = r.sections.find((s) => s.title?.startsWith(`${shape}:`));
  const table = section?.blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
  return table?.rows.map((row) => row.cells[0]?.trim() ?? '') ?? [];
}

describe('search term', () => {
  it('builds the to_tsquery argument the way /api/v1/search does', () => {
    expect(buildSearchTsQuery('Climate change')).toBe('climate:* & change:*');
    expect(buildSearchTsQuery('  the community of Land-Rights  ')).toBe('communit:* & land-rights:*');
  });

  it('refuses anything but letters, digits, spaces and hyphens, and terms over 100 characters', () => {
    for (const bad of ["climate' OR 1=1", 'a:*|b', 'x'.repeat(101), '   ', 'climate;']) {
      expect(() => buildSearchTsQuery(bad)).toThrow(UserError);
      try {
        buildSearchTsQuery(bad);
      } catch (error) {
        expect((error as UserError).code).toBe('bad_option');
      }
    }
  });
});

describe('plan summary', () => {
  it('does not call a node under a Limit a row-estimate miss for stopping early, but does for a real underestimate', () => {
    const output: ExplainOutput = {
      'Planning Time': 0.2,
      'Execution Time': 5,
      Plan: {
        'Node Type': 'Limit',
        'Plan Rows': 50,
        'Actual Rows': 50,
        'Actual Loops': 1,
        Plans: [{ 'Node Type': 'Index Scan', 'Index Name': 'i', 'Relation Name': 'files_media', 'Plan Rows': 5_000, 'Actual Rows': 50, 'Actual Loops': 1 }],
      },
    };
    expect(summarizePlan(output).estimateMisses).toEqual([]);
    const under = { ...output, Plan: { ...output.Plan, 'Plan Rows': 2, Plans: [] } };
    expect(summarizePlan(under).estimateMisses[0]?.factor).toBe(25);
  });
});

describeWithPostgres('explain', (db) => {
  let postgres: PgClient;
  let t: TestApp;
  beforeAll(async () => {
    await db().ready;
    postgres = createPgClient({ url: db().url, statementTimeoutMs: 5_000, log: createCapturingLogger().log });
    t = createTestApp([], { postgres, commands: withExplain });
  });
  afterAll(async () => {
    t.store.close();
    await postgres.close();
  });
  const run = (...args: string[]) => t.app.dispatch({ platform: 'cli', user: { id: 'root' }, command: 'explain', args });

  it('reports the plan of the real search query on the 60k-row media table: time, nodes, the index or scan used', async () => {
    const r = report(await run('search', 'climate change'));
    expect(field(r, 'term')).toBe(`"climate change" → to_tsquery('climate:* & change:*')`);
    expect(field(r, 'default_text_search_config')).toBe('pg_catalog.english');
    expect(Number.parseFloat(field(r, 'database time') ?? '0')).toBeGreaterThan(0);
    const nodes = planNodes(r, 'S1');
    expect(nodes[0]).toBe('Limit');
    expect(nodes.some((n) => /on files_media/.test(n))).toBe(true);
    const used = field(r, 'indexes used') ?? '';
    // Either the GIN index, or a walk of another index (or the table) that the advice explains.
    if (!used.includes('files_media_search_7194c6_gin')) {
      const advice = r.sections.find((s) => s.title === 'What to do');
      expect(JSON.stringify(advice)).toContain('files_media_search_7194c6_gin was not used');
    }
    expect(JSON.stringify(r)).toContain("'simple'");
  });

  it('uses the GIN index for the search count, and the listing index for the listing', async () => {
    const count = report(await run('search-count'));
    expect(field(count, 'indexes used')).toContain('files_media_search_7194c6_gin');
    const list = report(await run('list'));
    expect(planNodes(list, 'L1').some((n) => n.includes('idx_media_state_enc_rev_date'))).toBe(true);
  });

  it('takes the ids for related and recommended from the first public media', async () => {
    const related = report(await run('related'));
    expect(field(related, 'parameters from')).toMatch(/^media \d+ \(\w+\), user \d+, category \d+$/);
    expect(related.sections.map((s) => s.title?.split(':')[0])).toEqual(expect.arrayContaining(['R3-author', 'R3-category', 'R3-filler']));
    const recommended = report(await run('recommended'));
    expect(planNodes(recommended, 'R1').some((n) => n.includes('files_media_views_853616_idx'))).toBe(true);
    const featured = report(await run('featured'));
    expect(planNodes(featured, 'L2').length).toBeGreaterThan(1);
  });

  it('flags a sequential scan of a big table and a missing index, with the statement to create it', async () => {
    const admin = await db().client();
    await admin.query('DROP INDEX files_media_views_853616_idx');
    try {
      const r = report(await run('recommended'));
      const text = JSON.stringify(r);
      expect(text).toContain('the index files_media_views_853616_idx does not exist');
      expect(text).toContain('CREATE INDEX CONCURRENTLY files_media_views_853616_idx ON files_media (views, likes)');
    } finally {
      await admin.query('CREATE INDEX files_media_views_853616_idx ON files_media (views, likes)');
    }
  });

  it('refuses a bad term with bad_option before touching the database', async () => {
    const result = await run('search', "x'; DROP TABLE files_media; --");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('bad_option');
  });

  it('suggests the closest target for an unknown one', async () => {
    const result = await run('serch');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad_option');
      expect(result.error.message).toBe('explain: unknown target "serch"');
      expect(result.error.hint).toMatch(/^did you mean "search"\? targets: search, search-count, list, featured, related, recommended$/);
    }
  });
});
