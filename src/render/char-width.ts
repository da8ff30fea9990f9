/**
 * How many terminal columns a piece of text takes. Measured per grapheme (what a person sees as one character), so
 * an emoji with a skin-tone modifier or a flag counts once, and combining accents count zero.
 */

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Emoji shown as pictures (and text-default ones forced by VS16) take two cells in every modern terminal. */
const WIDE_EMOJI = /\p{Emoji_Presentation}|\uFE0F/u;

/** Marks that draw on the previous character or draw nothing at all. */
const ZERO_WIDTH = /^(?:\p{Mn}|\p{Me}|\p{Cf})+$/u;

/**
 * East Asian Wide and Fullwidth ranges (Unicode EastAsianWidth W/F), coarsened to the blocks that matter for
 * CJK text. Ambiguous-width characters (box drawing, the sparkline blocks) count as one, as terminals do by default.
 */
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], // Hangul Jamo initials
  [0x2e80, 0x303e], // CJK radicals, Kangxi, CJK symbols and punctuation
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff60], // Fullwidth forms
  [0xffe0, 0xffe6], // Fullwidth signs
  [0x20000, 0x3fffd], // CJK extensions B and beyond
];

export function splitGraphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

export function measureGrapheme(grapheme: string): number {
  if (ZERO_WIDTH.test(grapheme)) return 0;
  if (WIDE_EMOJI.test(grapheme)) return 2;
  const base = grapheme.codePointAt(0) ?? 0;
  return WIDE_RANGES.some(([from, to]) => base >= from && base <= to) ? 2 : 1;
}

/** Columns taken by text that holds no escape sequences (see `visibleWidth` for text that may). */
export function measurePlainWidth(text: string): number {
  // Fast path: printable ASCII is one column per character and needs no segmentation.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let width = 0;
  for (const grapheme of splitGraphemes(text)) width += measureGrapheme(grapheme);
  return width;
}
