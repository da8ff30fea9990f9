import encodingCommand from '../../../commands/encoding.js';
import encodingsCommand from '../../../commands/encodings.js';
import type { Command, OptionSpecs } from '../../../src/dispatch/command.js';
import type { DispatchResult } from '../../../src/dispatch/dispatch.js';
import { createPgClient, type PgClient } from '../../../src/postgres/pg-client.js';
import type { Report } from '../../../src/reports/report.js';
import { createCapturingLogger } from '../../helpers/capture-log.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import type { TestDatabase } from '../../support/postgres.js';
import { NOW, seedScenario, type Scenario } from './scenario.js';

/** The two commands under test; commands/index.ts lists them once the lead registers them. */
export const ENCODING_COMMANDS: ReadonlyArray<Command<OptionSpecs>> = [encodingsCommand, encodingCommand];

export interface EncodingsTestApp extends TestApp {
  postgres: PgClient;
  scenario: Scenario;
  run(command: string, ...args: string[]): Promise<DispatchResult>;
  report(command: string, ...args: string[]): Promise<Report>;
}

/** Seeds the scenario into the test's database clone and wires the real app to it, its clock at NOW. */
export async function openEncodingsApp(db: TestDatabase): Promise<EncodingsTestApp> {
  const client = await db.client();
  const scenario = await seedScenario(client);
  const postgres = createPgClient({ url: db.url, statementTimeoutMs: 5000, log: createCapturingLogger().log });
  const test = createTestApp([], { postgres, commands: ENCODING_COMMANDS });
  test.clock.set(NOW);
  const run = (command: string, ...args: string[]) => test.app.dispatch({ platform: 'cli', user: { id: 'tester' }, command, args });
  return {
    ...test,
    postgres,
    scenario,
    run,
    async report(command, ...args) {
      const result = await run(command, ...args);
      if (!result.ok) throw new Error(`${command} failed: ${JSON.stringify(result.error)}`);
      return result.report;
    },
  };
}

/** Every text of a report flattened, for "the report says X" assertions. */
export function reportText(report: Report): string {
  const parts: string[] = [report.title, report.summary ?? ''];
  for (const s of report.sections) {
    parts.push(s.title ?? '');
    for (const b of s.blocks) {
      if (b.kind === 'text' || b.kind === 'code') parts.push(b.text);
      if (b.kind === 'fields') for (const f of b.fields) parts.push(`${f.label}: ${f.value}`);
      if (b.kind === 'list') for (const i of b.items) parts.push(i.text);
      if (b.kind === 'table') {
        for (const r of b.rows) parts.push(r.cells.join(' | '));
        parts.push(b.caption ?? '');
      }
    }
  }
  return parts.join('\n');
}

export function section(report: Report, title: string | RegExp): Report['sections'][number] {
  const found = report.sections.find((s) => (typeof title === 'string' ? s.title === title : title.test(s.title ?? '')));
  if (!found) throw new Error(`no section ${title}; sections: ${report.sections.map((s) => s.title).join(', ')}`);
  return found;
}

/** The rows of the first table in a section, as arrays of cells. */
export function tableRows(report: Report, title: string | RegExp): string[][] {
  const block = section(report, title).blocks.find((b) => b.kind === 'table');
  if (!block || block.kind !== 'table') throw new Error(`section ${title} has no table`);
  return block.rows.map((r) => r.cells);
}

export function fields(report: Report, title: string | RegExp): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of section(report, title).blocks) if (b.kind === 'fields') for (const f of b.fields) out[f.label] = f.value;
  return out;
}
