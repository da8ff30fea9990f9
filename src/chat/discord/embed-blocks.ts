import type { Block, Field, Series, Severity, TableColumn, TableRow } from '../../reports/report.js';
import { sanitizeLine } from '../../render/sanitize.js';
import { SEVERITY_MARKER } from '../../render/severity-style.js';
import { renderSparkline } from '../../render/sparkline.js';
import { describeSeries } from '../../render/terminal-chart.js';
import { layoutTable } from '../../render/text-table.js';
import { continued, DISCORD_LIMITS, truncate } from './limits.js';
import { CODE_BLOCK_OVERHEAD, codeBody, escapeLine, escapeText, fence, splitLines } from './markdown.js';

/** A piece of an embed: markdown for the description, or one field. Each fits an empty embed on its own. */
export type EmbedChunk = { kind: 'text'; text: string } | { kind: 'field'; name: string; value: string; inline: boolean };

export interface BlockOptions {
  /** Widest table, in columns, still drawn as a monospace grid; wider ones become one line per row. */
  tableWidth: number;
  /** Glyphs per sparkline. */
  sparkWidth: number;
}

const MAX_TEXT = DISCORD_LIMITS.embedDescription;
/** Short fields sit three to a row, as on a dashboard; long ones get the full width. */
const INLINE_MAX = 40;
const EMPTY = '\u200b';

/** One report block as embed chunks, in order; nothing in the block is left out. */
export function blockChunks(block: Block, options: BlockOptions): EmbedChunk[] {
  switch (block.kind) {
    case 'text':
      return textChunks(escapeText(block.text));
    case 'list':
      return textChunks(block.items.map((item) => `${marker(item.severity, '•')} ${escapeLine(item.text)}`).join('\n'));
    case 'code':
      return codeChunks(block.text);
    case 'fields':
      return block.fields.flatMap(fieldChunks);
    case 'table':
      return tableChunks(block.columns, block.rows, block.caption, options);
    case 'chart':
      return textChunks(block.series.map((s) => chartLine(s, options.sparkWidth)).join('\n'));
  }
}

export function textChunks(markdown: string): EmbedChunk[] {
  if (markdown.trim() === '') return [];
  return splitLines(markdown, MAX_TEXT).map((text) => ({ kind: 'text', text }));
}

/** A long code block becomes several, each reopened, so every piece still reads as code. */
function codeChunks(text: string): EmbedChunk[] {
  const body = codeBody(text);
  if (body.trim() === '') return [];
  return splitLines(body, MAX_TEXT - CODE_BLOCK_OVERHEAD).map((piece) => ({ kind: 'text', text: fence(piece) }));
}

function marker(severity: Severity | undefined, fallback: string): string {
  return severity === undefined ? fallback : SEVERITY_MARKER[severity];
}

/**
 * A field whose value is over 1,024 characters continues in further fields named `… (continued)`; a label over
 * 256 is shortened in the name and given in full at the top of the value.
 */
function fieldChunks(field: Field): EmbedChunk[] {
  const label = sanitizeLine(field.label);
  const prefix = field.severity === undefined ? '' : `${SEVERITY_MARKER[field.severity]} `;
  const fullName = `${prefix}${label}`;
  const name = truncate(fullName, DISCORD_LIMITS.fieldName);
  const escaped = escapeLine(field.value);
  const value = name === fullName ? escaped : `**${escapeLine(label)}**\n${escaped}`;
  const parts = value === '' ? [EMPTY] : splitLines(value, DISCORD_LIMITS.fieldValue);
  const inline = parts.length === 1 && name.length <= INLINE_MAX && value.length <= INLINE_MAX;
  return parts.map((part, i) => ({
    kind: 'field',
    name: (i === 0 ? name : continued(fullName, DISCORD_LIMITS.fieldName)) || EMPTY,
    value: part,
    inline,
  }));
}

function tableChunks(columns: readonly TableColumn[], rows: readonly TableRow[], caption: string | undefined, options: BlockOptions): EmbedChunk[] {
  const captionLine = caption === undefined || caption.trim() === '' ? [] : [`*${escapeLine(caption)}*`];
  if (rows.length === 0) return textChunks(['(none)', ...captionLine].join('\n'));
  const marked = rows.some((r) => r.severity !== undefined);
  const labels = columns.map((c) => ({ label: sanitizeLine(c.label), align: c.align }));
  const cells = rows.map((r) => r.cells.map(sanitizeLine));
  const natural = layoutTable(labels, cells, Number.MAX_SAFE_INTEGER);
  const chunks: EmbedChunk[] = [];
  if (natural.width + (marked ? 2 : 0) <= options.tableWidth) {
    const indent = marked ? '  ' : '';
    const lines = [
      indent + natural.header,
      indent + natural.rule,
      ...natural.rows.map((line, i) => `${marked ? `${marker(rows[i]?.severity, ' ')} ` : ''}${line}`),
    ].map((line) => codeBody(line.trimEnd()));
    // The header repeats on every piece, so a split table still says what its columns are.
    const head = lines.slice(0, 2).join('\n');
    const budget = MAX_TEXT - CODE_BLOCK_OVERHEAD - head.length - 1;
    for (const piece of splitLines(lines.slice(2).join('\n'), budget)) chunks.push({ kind: 'text', text: fence(`${head}\n${piece}`) });
  } else {
    // Too wide for a grid on a phone or in an embed: one line per row, every cell kept, labelled by its column.
    const lines = rows.map((row, i) => {
      const [first = '', ...rest] = cells[i] ?? [];
      const others = rest
        .map((cell, c) => (cell === '' ? '' : `${escapeLine(labels[c + 1]?.label ?? '')}: ${escapeLine(cell)}`.replace(/^: /, '')))
        .filter((text) => text !== '');
      const head = first === '' ? '' : `**${escapeLine(first)}**`;
      return `${marker(row.severity, '•')} ${[head, ...others].filter(Boolean).join(' · ')}`;
    });
    chunks.push(...textChunks(lines.join('\n')));
  }
  if (captionLine.length > 0) chunks.push(...textChunks(captionLine.join('\n')));
  return chunks;
}

/** `**CPU** `▁▂▅█` min 5 %, max 55 %, last 38.5 %`, or `no data`. */
function chartLine(series: Series, sparkWidth: number): string {
  const spark = renderSparkline(
    series.points.map((p) => p[1]),
    sparkWidth,
  );
  const label = `**${escapeLine(series.label)}**`;
  const stats = escapeLine(describeSeries(series).join(', '));
  return spark.trim() === '' ? `${label} ${stats}` : `${label} \`${spark}\` ${stats}`;
}
