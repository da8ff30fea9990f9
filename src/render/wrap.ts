import { measureGrapheme, measurePlainWidth, splitGraphemes } from './char-width.js';

/**
 * Word-wraps plain text to `width` columns. Explicit line breaks are kept; runs of spaces between words collapse
 * to one; a word longer than the width (a path, a hash) is broken so nothing is cut off.
 */
export function wrapText(text: string, width: number): string[] {
  const limit = Math.max(1, width);
  return text.split('\n').flatMap((paragraph) => wrapParagraph(paragraph, limit));
}

function wrapParagraph(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of paragraph.split(' ')) {
    if (word === '') continue;
    const wordWidth = measurePlainWidth(word);
    if (lineWidth > 0 && lineWidth + 1 + wordWidth <= width) {
      line += ` ${word}`;
      lineWidth += 1 + wordWidth;
      continue;
    }
    if (lineWidth > 0) lines.push(line);
    if (wordWidth <= width) {
      line = word;
      lineWidth = wordWidth;
      continue;
    }
    const pieces = breakWord(word, width);
    lines.push(...pieces.slice(0, -1));
    line = pieces.at(-1) ?? '';
    lineWidth = measurePlainWidth(line);
  }
  lines.push(line);
  return lines;
}

function breakWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  for (const grapheme of splitGraphemes(word)) {
    const w = measureGrapheme(grapheme);
    if (used + w > width && used > 0) {
      pieces.push(piece);
      piece = '';
      used = 0;
    }
    piece += grapheme;
    used += w;
  }
  pieces.push(piece);
  return pieces;
}
