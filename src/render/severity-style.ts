import type { Severity } from '../reports/report.js';
import type { Style } from './ansi.js';

export const SEVERITY_COLOR: Readonly<Record<Severity, Style>> = {
  critical: 'red',
  warning: 'yellow',
  ok: 'green',
  info: 'cyan',
};

/**
 * A glyph per severity, printed in colour and plain output alike: without it severity would live only in colour,
 * which NO_COLOR users, colour-blind readers and anyone pasting the output into a ticket would lose. The glyphs
 * are single-width in every common terminal font (no emoji presentation).
 */
export const SEVERITY_MARKER: Readonly<Record<Severity, string>> = {
  critical: '✗',
  warning: '▲',
  ok: '✓',
  info: '•',
};

export function formatBadge(severity: Severity): string {
  return `[${severity.toUpperCase()}]`;
}

export function colorOf(severity: Severity | undefined): Style | undefined {
  return severity === undefined ? undefined : SEVERITY_COLOR[severity];
}
