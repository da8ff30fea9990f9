import type { Block, Field, Severity, TableColumn, TableRow } from '../reports/report.js';
import { padToWidth, truncateToWidth, visibleWidth, type Painter } from './ansi.js';
import { sanitizeBlock, sanitizeLine } from './sanitize.js';
import { colorOf, SEVERITY_MARKER } from './severity-style.js';
import { renderChart } from './terminal-chart.js';
import { layoutTable } from './text-table.js';
import { wrapText } from './wrap.js';

export interface BlockContext {
  /** Columns available to the block, after the section's indent. */
  width: number;
  paint: Painter;
}

/** A block as terminal lines, without trailing newline; lines never exceed `width` except verbatim code. */
export function renderBlock(block: Block, ctx: BlockContext): string[] {
  switch (block.kind) {
    case 'text':
      return wrapText(sanitizeBlock(block.text), ctx.width);
    case 'fields':
      return renderFields(block.fields, ctx);
    case 'table':
      return renderTable(block.columns, block.rows, block.caption, ctx);
    case 'chart':
      return renderChart(block.series, ctx);
    case 'list':
      return block.items.flatMap((item) => renderListItem(item.text, item.severity, ctx));
    case 'code':
      return renderCode(block.text);
  }
}

/** `✗ ` for a marked line, two spaces for an unmarked line in a block where some lines are marked. */
function formatMarker(severity: Severity | undefined): string {
  return `${severity === undefined ? ' ' : SEVERITY_MARKER[severity]} `;
}

function renderFields(fields: readonly Field[], { width, paint }: BlockContext): string[] {
  const marked = fields.some((f) => f.severity !== undefined);
  const indent = marked ? 2 : 0;
  const labels = fields.map((f) => sanitizeLine(f.label));
  // A very long label may take half the width at most; the value needs room to be readable.
  const labelWidth = Math.min(Math.max(0, ...labels.map(visibleWidth)), Math.floor((width - indent) / 2));
  const valueIndent = ' '.repeat(indent + labelWidth + 2);
  return fields.flatMap((field, i) => {
    const color = colorOf(field.severity);
    const [first = '', ...rest] = wrapText(sanitizeLine(field.value), width - valueIndent.length);
    const label = padToWidth(truncateToWidth(labels[i] ?? '', labelWidth), labelWidth);
    const marker = marked ? paint(formatMarker(field.severity), color) : '';
    return [`${marker}${label}  ${paint(first, color)}`.trimEnd(), ...rest.map((line) => valueIndent + paint(line, color))];
  });
}

function renderTable(columns: readonly TableColumn[], rows: readonly TableRow[], caption: string | undefined, { width, paint }: BlockContext): string[] {
  const captionLines = caption === undefined ? [] : wrapText(sanitizeLine(caption), width).map((l) => paint(l, 'dim'));
  if (rows.length === 0) return [paint('(none)', 'dim'), ...captionLines];
  // Severity also gets a marker column, so it survives without colour.
  const marked = rows.some((r) => r.severity !== undefined);
  const indent = marked ? '  ' : '';
  const table = layoutTable(
    columns.map((c) => ({ label: sanitizeLine(c.label), align: c.align })),
    rows.map((r) => r.cells.map(sanitizeLine)),
    width - indent.length,
  );
  const body = table.rows.map((line, i) => {
    const severity = rows[i]?.severity;
    return paint(`${marked ? formatMarker(severity) : ''}${line}`, colorOf(severity));
  });
  return [indent + paint(table.header, 'bold'), indent + paint(table.rule, 'dim'), ...body, ...captionLines];
}

function renderListItem(text: string, severity: Severity | undefined, { width, paint }: BlockContext): string[] {
  const bullet = severity === undefined ? '•' : SEVERITY_MARKER[severity];
  return wrapText(sanitizeLine(text), width - 2).map((line, i) => paint(`${i === 0 ? bullet : ' '} ${line}`, colorOf(severity)));
}

/** Verbatim apart from sanitising: never wrapped, since a re-flowed stack trace or query misleads. */
function renderCode(text: string): string[] {
  return sanitizeBlock(text)
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : `  ${line.trimEnd()}`));
}
