import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { commands } from '../../commands/index.js';
import queues from '../../commands/queues.js';
import tasks from '../../commands/tasks.js';
import workers from '../../commands/workers.js';
import type { Config } from '../../src/config/load-config.js';
import type { Command, OptionSpecs } from '../../src/dispatch/command.js';
import type { Invocation } from '../../src/dispatch/invocation.js';
import type { Report, TableRow } from '../../src/reports/report.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'celery');

/** The shipped commands plus these three, whether or not commands/index.ts lists them yet. */
export const celeryCommands: ReadonlyArray<Command<OptionSpecs>> = [
  ...commands.filter((c) => !['queues', 'workers', 'tasks'].includes(c.name)),
  queues as unknown as Command<OptionSpecs>,
  workers as unknown as Command<OptionSpecs>,
  tasks as unknown as Command<OptionSpecs>,
];

export function invoke(command: string, args: string[] = []): Invocation {
  return { platform: 'cli', user: { id: 'tester' }, command, args };
}

/** The config with a different `celery` section. */
export function withCelery(config: Config, celery: Partial<Config['celery']>): Config {
  return { ...config, celery: { ...config.celery, ...celery } };
}

/** The cells of the row whose first cell is `first`, in the table of the section titled `title`. */
export function rowOf(report: Report, title: string, first: string): string[] | undefined {
  return rowsOf(report, title).find((r) => r.cells[0] === first)?.cells;
}

export function rowsOf(report: Report, title: string): TableRow[] {
  const section = report.sections.find((s) => s.title === title);
  const table = section?.blocks.find((b) => b.kind === 'table');
  return table?.kind === 'table' ? table.rows : [];
}

/** Every text of the report (list items, text blocks, table cells, footnotes) as one string, for `toContain`. */
export function textOf(report: Report): string {
  const parts: string[] = [report.title, report.summary ?? ''];
  for (const section of report.sections) {
    parts.push(section.title ?? '');
    for (const block of section.blocks) {
      if (block.kind === 'list') parts.push(...block.items.map((i) => i.text));
      else if (block.kind === 'text' || block.kind === 'code') parts.push(block.text);
      else if (block.kind === 'table') parts.push(...block.rows.map((r) => r.cells.join(' | ')), block.caption ?? '');
      else if (block.kind === 'fields') parts.push(...block.fields.map((f) => `${f.label}: ${f.value}`));
    }
  }
  parts.push(...(report.footnotes ?? []));
  return parts.join('\n');
}

/** A kombu envelope as Celery 5 writes it (see fixtures/celery/broker-dump.json), with what the bot reads. */
export function envelope(task: string, options: { priority?: number; enqueuedAt?: number; eta?: string; queue?: string } = {}): string {
  const id = `${task}-${Math.random().toString(16).slice(2, 10)}`;
  const headers: Record<string, unknown> = { lang: 'py', task, id, shadow: null, eta: options.eta ?? null, expires: null, retries: 0, root_id: id, parent_id: null, argsrepr: "['tok00001', 5]", kwargsrepr: '{}' };
  if (options.enqueuedAt !== undefined) headers.enqueued_at = options.enqueuedAt;
  return JSON.stringify({
    body: 'W1sidG9rMDAwMDEiLCA1XSwge30sIHsiY2FsbGJhY2tzIjogbnVsbH1d',
    'content-encoding': 'utf-8',
    'content-type': 'application/json',
    headers,
    properties: { correlation_id: id, delivery_mode: 2, delivery_info: { exchange: '', routing_key: options.queue ?? 'long_tasks' }, priority: options.priority ?? 0, body_encoding: 'base64', delivery_tag: id },
  });
}

/** Loads broker-dump.json (every key right after enqueueing, lists in LRANGE order) into a test DB. */
export async function loadBrokerDump(admin: Redis): Promise<void> {
  const dump = JSON.parse(readFileSync(join(FIXTURES, 'broker-dump.json'), 'utf8')) as Record<string, { type: string; value: string[] }>;
  for (const [key, { type, value }] of Object.entries(dump)) {
    if (type === 'list') await admin.rpush(key, ...value);
    else if (type === 'set') await admin.sadd(key, ...value);
  }
}
