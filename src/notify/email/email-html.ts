import type { Block, Field, Report, ReportAction, Section, Severity, TableColumn, TableRow } from '../../reports/report.js';
import { SEVERITY_MARKER } from '../../render/severity-style.js';
import { renderChart } from '../../render/terminal-chart.js';
import { escapeHtml, safeHref } from './escape-html.js';

/** Colours with enough contrast on white; severity also stays in words and glyphs for plain-text readers. */
const SEVERITY_HEX: Readonly<Record<Severity, string>> = { critical: '#d1242f', warning: '#9a6700', info: '#0969da', ok: '#1a7f37' };
const MUTED = '#59636e';
const CELL = 'padding:4px 12px 4px 0;vertical-align:top';
const LABEL = `${CELL};text-align:left;color:${MUTED};font-weight:normal;white-space:nowrap`;
const BODY = "margin:0;padding:16px;background:#ffffff;color:#1f2328;font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;font-size:14px;line-height:1.5";
const PRE = 'margin:0 0 8px;padding:8px;background:#f6f8fa;border-radius:6px;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;white-space:pre-wrap';
const BUTTON = 'display:inline-block;padding:8px 16px;border-radius:6px;color:#ffffff;font-weight:bold;text-decoration:none';

/**
 * The report as an HTML email body: inline styles only (mail clients drop `<style>` and scripts), tables for
 * layout, every piece of report text escaped. Links only for http(s) URLs; anything else is shown as text.
 */
export function renderEmailHtml(report: Report, footer: string): string {
  const color = SEVERITY_HEX[report.severity];
  const parts = [
    `<p style="margin:0 0 4px;font-size:12px;font-weight:bold;letter-spacing:.05em;color:${color}">${SEVERITY_MARKER[report.severity]} ${report.severity.toUpperCase()}</p>`,
    `<h1 style="margin:0 0 8px;font-size:20px;line-height:1.3">${escapeHtml(report.title)}</h1>`,
  ];
  if (report.summary !== undefined) parts.push(`<p style="margin:0 0 16px">${escapeHtml(report.summary)}</p>`);
  if (report.actions && report.actions.length > 0) parts.push(renderActions(report.actions));
  for (const section of report.sections) parts.push(renderSection(section));
  const date = new Date(report.generatedAt);
  const generated = Number.isNaN(date.getTime()) ? 'Generated at an unknown time.' : `Generated ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC.`;
  const notes = [...(report.footnotes ?? []), generated, footer];
  parts.push(`<hr style="border:0;border-top:1px solid #d1d9e0;margin:24px 0 8px">`);
  parts.push(...notes.map((note) => `<p style="margin:0 0 4px;font-size:12px;color:${MUTED}">${escapeHtml(note)}</p>`));
  return [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(report.title)}</title></head>`,
    `<body style="${BODY}">`,
    `<div style="max-width:720px">`,
    ...parts,
    '</div></body></html>',
    '',
  ].join('\n');
}

function renderSection(section: Section): string {
  const out: string[] = [];
  if (section.title !== undefined || section.severity !== undefined) {
    const badge = section.severity === undefined ? '' : `<span style="color:${SEVERITY_HEX[section.severity]}">${SEVERITY_MARKER[section.severity]} </span>`;
    out.push(`<h2 style="margin:20px 0 8px;font-size:16px">${badge}${escapeHtml(section.title ?? section.severity ?? '')}</h2>`);
  }
  for (const block of section.blocks) out.push(renderBlock(block));
  return out.join('\n');
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'text':
      return block.text
        .split(/\n{2,}/)
        .map((paragraph) => `<p style="margin:0 0 8px">${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
        .join('\n');
    case 'fields':
      return renderFields(block.fields);
    case 'table':
      return renderTable(block.columns, block.rows, block.caption);
    case 'chart':
      // The terminal's sparklines are plain Unicode text: they read the same in a monospace block.
      return pre(renderChart(block.series, { width: 100 }).join('\n'));
    case 'list':
      return `<ul style="margin:0 0 8px;padding-left:20px">${block.items.map((item) => `<li>${marked(item.severity)}${escapeHtml(item.text)}</li>`).join('')}</ul>`;
    case 'code':
      return pre(block.text.replace(/\n+$/, ''));
  }
}

function renderFields(fields: readonly Field[]): string {
  const rows = fields.map(
    (f) => `<tr><th style="${LABEL}">${escapeHtml(f.label)}</th><td style="${CELL}${colorStyle(f.severity)}">${marked(f.severity)}${escapeHtml(f.value)}</td></tr>`,
  );
  return `<table role="presentation" style="border-collapse:collapse;margin:0 0 8px">${rows.join('')}</table>`;
}

function renderTable(columns: readonly TableColumn[], rows: readonly TableRow[], caption: string | undefined): string {
  const captionHtml = caption === undefined ? '' : `<p style="margin:0 0 8px;font-size:12px;color:${MUTED}">${escapeHtml(caption)}</p>`;
  if (rows.length === 0) return `<p style="margin:0 0 8px;color:${MUTED}">(none)</p>${captionHtml}`;
  const align = (i: number) => (columns[i]?.align === 'right' ? 'right' : 'left');
  const head = columns.map((c, i) => `<th style="${CELL};text-align:${align(i)};border-bottom:1px solid #d1d9e0">${escapeHtml(c.label)}</th>`).join('');
  const body = rows
    .map((row) => {
      const cells = row.cells.map((cell, i) => `<td style="${CELL};text-align:${align(i)}${colorStyle(row.severity)}">${i === 0 ? marked(row.severity) : ''}${escapeHtml(cell)}</td>`);
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  return `<table style="border-collapse:collapse;margin:0 0 8px"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${captionHtml}`;
}

/** Buttons for links; a command becomes the text to type, since an email cannot run it. */
function renderActions(actions: readonly ReportAction[]): string {
  const items = actions.map((action) => {
    const href = action.url === undefined ? undefined : safeHref(action.url);
    const background = action.style === 'danger' ? SEVERITY_HEX.critical : action.style === 'primary' ? '#1f883d' : '#59636e';
    if (href !== undefined) {
      const button = `<a href="${href}" style="${BUTTON};background:${background}">${escapeHtml(action.label)}</a>`;
      return `<p style="margin:0 0 8px">${button}<br><span style="font-size:12px;color:${MUTED};word-break:break-all">${href}</span></p>`;
    }
    const what = action.command !== undefined ? `<code>/ops ${escapeHtml(action.command)}</code>` : escapeHtml(action.url ?? '');
    return `<p style="margin:0 0 8px"><strong>${escapeHtml(action.label)}</strong>: ${what}</p>`;
  });
  return items.join('\n');
}

function pre(text: string): string {
  return `<pre style="${PRE}">${escapeHtml(text)}</pre>`;
}

function marked(severity: Severity | undefined): string {
  return severity === undefined ? '' : `${SEVERITY_MARKER[severity]} `;
}

function colorStyle(severity: Severity | undefined): string {
  return severity === undefined ? '' : `;color:${SEVERITY_HEX[severity]}`;
}
