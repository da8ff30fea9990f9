import { measureGrapheme, measurePlainWidth, splitGraphemes } from './char-width.js';

/** The few SGR styles the terminal renderer uses. Each closes with its own reset so styles can sit side by side. */
const STYLES = {
  bold: ['1', '22'],
  dim: ['2', '22'],
  red: ['31', '39'],
  green: ['32', '39'],
  yellow: ['33', '39'],
  cyan: ['36', '39'],
} as const satisfies Record<string, readonly [string, string]>;

export type Style = keyof typeof STYLES;

/** Wraps text in SGR codes; a painter created with `enabled: false` returns text untouched. */
export type Painter = (text: string, ...styles: Array<Style | undefined>) => string;

export function createPainter(enabled: boolean): Painter {
  return (text, ...styles) => {
    const active = styles.filter((s): s is Style => s !== undefined);
    if (!enabled || text === '' || active.length === 0) return text;
    const open = active.map((s) => STYLES[s][0]).join(';');
    const close = [...new Set(active.map((s) => STYLES[s][1]))].join(';');
    return `\u001b[${open}m${text}\u001b[${close}m`;
  };
}

/**
 * CSI (`ESC [ … final`), OSC (`ESC ] … BEL` or `ESC ] … ESC \`) and two-byte escapes. Covers what terminals act
 * on, so removing these leaves only what would have been printed.
 */
const ANSI_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_SEQUENCE, '');
}

/** Terminal columns the text occupies once escape sequences are ignored. */
export function visibleWidth(text: string): number {
  return measurePlainWidth(stripAnsi(text));
}

/** Pads plain text with spaces to `width` columns; text already wider is returned as is. */
export function padToWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const gap = ' '.repeat(Math.max(0, width - visibleWidth(text)));
  return align === 'right' ? gap + text : text + gap;
}

/** Cuts plain text to at most `width` columns, ending in `…` when anything was cut. */
export function truncateToWidth(text: string, width: number): string {
  if (measurePlainWidth(text) <= width) return text;
  if (width <= 0) return '';
  let kept = '';
  let used = 0;
  for (const grapheme of splitGraphemes(text)) {
    const w = measureGrapheme(grapheme);
    if (used + w > width - 1) break;
    kept += grapheme;
    used += w;
  }
  return `${kept}…`;
}
