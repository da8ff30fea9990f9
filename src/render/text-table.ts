import { padToWidth, truncateToWidth, visibleWidth } from './ansi.js';

export interface TextTableColumn {
  label: string;
  /** Default `left`. */
  align?: 'left' | 'right' | undefined;
}

/** A laid-out table: every string is exactly `width` columns wide, so rows can be coloured whole. */
export interface TextTable {
  header: string;
  /** A `─` underline per column, under the header. */
  rule: string;
  rows: string[];
  width: number;
}

const GAP = '  ';
/** A column never shrinks below this, so a cut cell still shows a character and the `…`. */
const MIN_COLUMN_WIDTH = 2;

/**
 * Lays out plain, single-line cells in aligned columns no wider than `maxWidth` in total. When it would be wider,
 * the widest column gives up one column at a time (so short columns such as status or counts stay whole) and its
 * cells end in `…`. Rows with more cells than there are columns get extra unlabelled columns rather than losing
 * the cells.
 */
export function layoutTable(columns: readonly TextTableColumn[], rows: ReadonlyArray<readonly string[]>, maxWidth: number): TextTable {
  const count = rows.reduce((n, r) => Math.max(n, r.length), columns.length);
  const labels = Array.from({ length: count }, (_, i) => columns[i]?.label ?? '');
  const aligns = Array.from({ length: count }, (_, i) => columns[i]?.align ?? 'left');
  const widths = labels.map((label, i) => rows.reduce((w, r) => Math.max(w, visibleWidth(r[i] ?? '')), visibleWidth(label)));
  shrinkToFit(widths, maxWidth - GAP.length * Math.max(0, count - 1));

  const formatLine = (cells: readonly string[]): string =>
    widths.map((w, i) => padToWidth(truncateToWidth(cells[i] ?? '', w), w, aligns[i])).join(GAP);
  return {
    header: formatLine(labels),
    rule: widths.map((w) => '─'.repeat(w)).join(GAP),
    rows: rows.map(formatLine),
    width: widths.reduce((sum, w) => sum + w, 0) + GAP.length * Math.max(0, count - 1),
  };
}

function shrinkToFit(widths: number[], budget: number): void {
  let total = widths.reduce((sum, w) => sum + w, 0);
  while (total > budget) {
    // On a tie the rightmost column gives way: the leftmost usually names the row.
    let widest = -1;
    widths.forEach((w, i) => {
      if (w > MIN_COLUMN_WIDTH && (widest < 0 || w >= (widths[widest] ?? 0))) widest = i;
    });
    if (widest < 0) return; // Every column is at its minimum: overflow beats unreadable cells.
    widths[widest] = (widths[widest] ?? 0) - 1;
    total -= 1;
  }
}
