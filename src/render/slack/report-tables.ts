import type { Block, Severity, TableRow } from '../../reports/report.js';
import { sanitizeBlock, sanitizeLine } from '../sanitize.js';
import { SEVERITY_MARKER } from '../severity-style.js';
import { layoutTable } from '../text-table.js';
import type { SlackBlock } from './block-kit.js';
import { SLACK_LIMITS } from './block-kit.js';
import { escapeCode, escapeMrkdwn, SEVERITY_EMOJI } from './mrkdwn.js';
import type { BlockContext } from './report-blocks.js';
import { contextBlocks, packLines, packSections, section } from './sections.js';

type TableBlock = Extract<Block, { kind: 'table' }>;

/**
 * Tables up to this many characters wide are drawn aligned in a code block; wider ones would wrap in Slack's
 * message pane and lose their alignment, so each row becomes one line of `label: value` pairs instead.
 */
export const CODE_TABLE_WIDTH = 80;
/** With files allowed, a table or code longer than this goes to a file, and the message shows its start. */
export const FILE_ROWS = 30;
export const FILE_LINES = 60;
export const FILE_CHARS = 6_000;
export const PREVIEW_ROWS = 10;
export const PREVIEW_LINES = 15;
/** "```\n" + "\n```". */
const FENCE = 8;

export function renderTable(block: TableBlock, ctx: BlockContext): SlackBlock[] {
  const caption = block.caption === undefined ? [] : [`_${escapeMrkdwn(sanitizeLine(block.caption))}_`];
  if (block.rows.length === 0) return [section('_(none)_'), ...contextBlocks(caption)];
  const columns = block.columns.map((c) => ({ label: sanitizeLine(c.label), align: c.align }));
  const cells = block.rows.map((r) => r.cells.map(sanitizeLine));
  const marked = block.rows.some((r) => r.severity !== undefined);
  const table = layoutTable(columns, cells, Number.POSITIVE_INFINITY);
  const marker = (severity: Severity | undefined) => (marked ? `${severity === undefined ? ' ' : SEVERITY_MARKER[severity]} ` : '');
  const indent = marked ? '  ' : '';
  const lines = table.rows.map((line, i) => `${marker(block.rows[i]?.severity)}${line}`.trimEnd());
  const head = [`${indent}${table.header}`.trimEnd(), `${indent}${table.rule}`];
  const fullText = [...head, ...lines].join('\n');

  const toFile = ctx.files && (block.rows.length > FILE_ROWS || fullText.length > FILE_CHARS);
  const shown = toFile ? PREVIEW_ROWS : block.rows.length;
  const body =
    table.width + indent.length <= CODE_TABLE_WIDTH
      ? codeTable(head.map(escapeCode), lines.slice(0, shown).map(escapeCode))
      : packSections([formatLegend(columns.map((c) => c.label)), ...block.rows.slice(0, shown).map((row) => formatRecord(columns.map((c) => c.label), row))]);
  const notes = [...caption];
  if (toFile) {
    const name = ctx.attach({ title: block.caption ?? 'table', content: `${fullText}\n${block.caption === undefined ? '' : `\n${sanitizeLine(block.caption)}\n`}` }, 'txt');
    notes.unshift(`_Showing ${shown} of ${block.rows.length} rows; all of them are in the attached file ${escapeMrkdwn(name)}._`);
  }
  return [...body, ...contextBlocks(notes)];
}

/** Aligned rows in code blocks, the column header repeated at the top of each block. */
function codeTable(head: readonly string[], rows: readonly string[]): SlackBlock[] {
  const headText = head.join('\n');
  const budget = SLACK_LIMITS.sectionText - FENCE - headText.length - 1;
  return packLines(rows.map((row) => row || ' '), budget).map((chunk) => section(`\`\`\`\n${headText}\n${chunk}\n\`\`\``));
}

/** Names the columns once above the rows, since each row names only the columns after the first. */
function formatLegend(labels: readonly string[]): string {
  return `_${labels.map((label) => escapeMrkdwn(label) || '—').join(' · ')}_`;
}

/** One row as a line: the first cell in bold, then `label: value` for the others that are not empty. */
function formatRecord(labels: readonly string[], row: TableRow): string {
  const cells = row.cells.map((cell) => escapeMrkdwn(sanitizeLine(cell)));
  const [first = '', ...rest] = cells;
  const pairs = rest
    .map((cell, i) => {
      if (cell === '') return '';
      const label = escapeMrkdwn(labels[i + 1] ?? '');
      return label === '' ? cell : `${label}: ${cell}`;
    })
    .filter((pair) => pair !== '');
  const lead = row.severity === undefined ? '•' : SEVERITY_EMOJI[row.severity];
  return [`${lead} *${first}*`, ...pairs].join(' · ');
}

/** Verbatim in code blocks, split at line breaks; very long code goes to a file with its first lines shown. */
export function renderCode(text: string, ctx: BlockContext): SlackBlock[] {
  const clean = sanitizeBlock(text).replace(/\n+$/, '');
  if (clean.trim() === '') return [];
  const lines = clean.split('\n');
  const toFile = ctx.files && (lines.length > FILE_LINES || clean.length > FILE_CHARS);
  const shown = toFile ? lines.slice(0, PREVIEW_LINES) : lines;
  // A blank line would be dropped by packing; a lone space keeps it.
  const chunks = packLines(shown.map((line) => escapeCode(line) || ' '), SLACK_LIMITS.sectionText - FENCE);
  const blocks = chunks.map((chunk) => section(`\`\`\`\n${chunk}\n\`\`\``));
  if (!toFile) return blocks;
  const name = ctx.attach({ title: 'code', content: `${clean}\n` }, 'txt');
  return [...blocks, ...contextBlocks([`_Showing ${shown.length} of ${lines.length} lines; all of them are in the attached file ${escapeMrkdwn(name)}._`])];
}
