import { stripAnsi } from './ansi.js';

/**
 * Report text is untrusted: process names, log lines and query text come from the systems we watch, and a
 * crafted one could move the cursor, retitle the window or hide output. Escape sequences are removed whole (a log
 * line coloured by Celery reads cleanly), then any control character left, including 8-bit C1 such as CSI
 * (U+009B) and the bidi overrides that can make text display in a different order than it reads.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const TAB_STOP = 8;

/** For one-line slots (titles, labels, cells): line breaks and tabs become spaces. */
export function sanitizeLine(text: string): string {
  return stripAnsi(text).replace(/\r\n|[\n\t]/g, ' ').replace(CONTROL, '');
}

/** For multi-line text and code: keeps line breaks, expands tabs to the terminal's default stops of 8. */
export function sanitizeBlock(text: string): string {
  return stripAnsi(text)
    .replace(/\r\n/g, '\n')
    .replace(CONTROL, '')
    .split('\n')
    .map(expandTabs)
    .join('\n');
}

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  // Counting columns by code point is enough here: tabs in code and logs sit among ASCII.
  let column = 0;
  for (const ch of line) {
    const piece = ch === '\t' ? ' '.repeat(TAB_STOP - (column % TAB_STOP)) : ch;
    out += piece;
    column += ch === '\t' ? piece.length : 1;
  }
  return out;
}
