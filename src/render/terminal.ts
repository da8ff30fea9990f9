import type { Report, ReportAction, Section, Severity } from '../reports/report.js';
import { createPainter, type Painter } from './ansi.js';
import { sanitizeLine } from './sanitize.js';
import { colorOf, formatBadge } from './severity-style.js';
import { renderBlock } from './terminal-blocks.js';
import { wrapText } from './wrap.js';

export interface TerminalRenderOptions {
  /** Emit ANSI colour, bold and dim. Decide it with `shouldUseColor`; when false the output holds no escapes. */
  color: boolean;
  /** Columns to fit. Default 100; anything under 20 is treated as 20. */
  width?: number | undefined;
  /** Epoch ms. When given, the footer also says how long ago the report was generated. */
  now?: number | undefined;
  /** Put before action commands so they can be pasted into a shell. Default `cinemata-ops `. */
  commandPrefix?: string | undefined;
}

const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 20;
const SECTION_INDENT = '  ';

/**
 * The report as terminal text: header, sections, actions to type, then the dimmed footer. All report text is
 * sanitised first, so nothing in it can drive the terminal. No trailing newline.
 */
export function renderTerminal(report: Report, options: TerminalRenderOptions): string {
  const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? DEFAULT_WIDTH) || DEFAULT_WIDTH);
  const paint = createPainter(options.color);
  const header = renderHeading(report.title, report.severity, width, paint);
  if (report.summary !== undefined) header.push(...wrapText(sanitizeLine(report.summary), width));
  const parts = [
    header,
    ...report.sections.map((section) => renderSection(section, width, paint)),
    (report.actions ?? []).map((action) => formatAction(action, options.commandPrefix ?? 'cinemata-ops ', paint)),
    renderFooter(report, width, options.now, paint),
  ];
  return parts
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.map(trimLineEnd).join('\n'))
    .join('\n\n');
}

/** Padding after the last column is invisible but clutters copies and diffs; keep any colour reset after it. */
function trimLineEnd(line: string): string {
  return line.replace(/[ \t]+((?:\x1b\[[0-9;]*m)*)$/, '$1');
}

/**
 * Colour unless the user opted out: a non-empty NO_COLOR always wins (no-color.org), FORCE_COLOR forces it on
 * (`0`/`false` force it off), and otherwise only a TTY that is not `TERM=dumb` gets colour.
 */
export function shouldUseColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if ((env['NO_COLOR'] ?? '') !== '') return false;
  const force = (env['FORCE_COLOR'] ?? '').toLowerCase();
  if (force === '0' || force === 'false') return false;
  if (force !== '') return true;
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

function renderHeading(title: string, severity: Severity | undefined, width: number, paint: Painter): string[] {
  const badge = severity === undefined ? '' : formatBadge(severity);
  const hang = badge === '' ? '' : ' '.repeat(badge.length + 1);
  return wrapText(sanitizeLine(title), width - hang.length).map((line, i) => {
    const lead = i > 0 ? hang : badge === '' ? '' : `${paint(badge, 'bold', colorOf(severity))} `;
    return `${lead}${paint(line, 'bold')}`.trimEnd();
  });
}

function renderSection(section: Section, width: number, paint: Painter): string[] {
  const titled = section.title !== undefined || section.severity !== undefined;
  const indent = titled ? SECTION_INDENT : '';
  const blocks = section.blocks
    .map((block) => renderBlock(block, { width: width - indent.length, paint }))
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.map((line) => (line === '' ? '' : indent + line)));
  const body = blocks.flatMap((lines, i) => (i === 0 ? lines : ['', ...lines]));
  return titled ? [...renderHeading(section.title ?? '', section.severity, width, paint), ...body] : body;
}

/** `→ Label: command`. Never wrapped: a command or URL broken over two lines cannot be pasted or clicked. */
function formatAction(action: ReportAction, commandPrefix: string, paint: Painter): string {
  const targets: string[] = [];
  if (action.command !== undefined) targets.push(commandPrefix + sanitizeLine(action.command));
  if (action.url !== undefined) targets.push(sanitizeLine(action.url));
  const style = action.style === 'danger' ? 'red' : action.style === 'primary' ? 'bold' : undefined;
  const label = paint(sanitizeLine(action.label), style);
  return targets.length === 0 ? `→ ${label}` : `→ ${label}: ${targets.join('  ')}`;
}

function renderFooter(report: Report, width: number, now: number | undefined, paint: Painter): string[] {
  const age = now === undefined ? '' : ` (${formatAge(now - report.generatedAt)})`;
  const lines = wrapText(`generated ${formatUtc(report.generatedAt)}${age}`, width);
  for (const note of report.footnotes ?? []) lines.push(...wrapText(sanitizeLine(note), width));
  return lines.map((line) => paint(line, 'dim'));
}

/** UTC, so the same report reads the same on every operator's machine. */
function formatUtc(epochMs: number): string {
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) return 'at an unknown time';
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function formatAge(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 48 * 3600) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}
