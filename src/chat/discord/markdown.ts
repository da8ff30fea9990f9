import { sanitizeBlock, sanitizeLine } from '../../render/sanitize.js';

/**
 * Report text is untrusted (process names, log lines, query text): in Discord it must not turn into markup,
 * masked links, mentions or timestamps. Inline characters are escaped everywhere; the ones that only mean
 * something at the start of a line (headings, quotes, lists, subtext) are escaped there.
 */
const INLINE = /[\\*_~`|<>[\]]/g;
const LINE_START = /^(\s*)(?:([#+-])(?=[\s#])|(\d+)\.(?=\s))/;

/** One line of plain text as Discord markdown: line breaks and control characters become spaces or go. */
export function escapeLine(text: string): string {
  return escapeLineStart(sanitizeLine(text).replace(INLINE, '\\$&'));
}

/** Multi-line plain text as Discord markdown, keeping its line breaks. */
export function escapeText(text: string): string {
  return sanitizeBlock(text)
    .split('\n')
    .map((line) => escapeLineStart(line.replace(INLINE, '\\$&')))
    .join('\n');
}

/** `# `, `-# `, `- `, `+ ` and `1. ` start headings, subtext and lists; a backslash before the mark keeps them text. */
function escapeLineStart(line: string): string {
  return line.replace(LINE_START, (_, space: string, mark: string | undefined, digits: string | undefined) =>
    mark === undefined ? `${space}${digits}\\.` : `${space}\\${mark}`,
  );
}

const FENCE = '```';

/** Verbatim text in a code block. */
export function codeBlock(text: string): string {
  return fence(codeBody(text));
}

/** A body already made fence-safe by codeBody, in a code block. */
export function fence(body: string): string {
  return `${FENCE}\n${body}\n${FENCE}`;
}

/**
 * The inside of a code block: sanitised, without trailing blank lines, and with no two backticks side by side —
 * any run of them could close the block early — by a zero-width space between them (it reads the same).
 */
export function codeBody(text: string): string {
  return sanitizeBlock(text).replace(/`(?=`)/g, '`\u200b').replace(/\n+$/, '');
}

/** Characters a code block adds around its body. */
export const CODE_BLOCK_OVERHEAD = FENCE.length * 2 + 2;

/**
 * Splits text into pieces of at most `max` code units, at line breaks where possible and inside a line only when
 * the line itself is too long. Joining the pieces with `\n` gives the text back (hard splits excepted, which join
 * with nothing), so nothing is lost.
 */
export function splitLines(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current: string | undefined;
  for (const line of text.split('\n')) {
    for (const part of hardSplit(line, max)) {
      if (current === undefined) current = part;
      else if (current.length + 1 + part.length <= max) current += `\n${part}`;
      else {
        pieces.push(current);
        current = part;
      }
    }
  }
  if (current !== undefined) pieces.push(current);
  return pieces;
}

/** A line longer than `max`, cut into `max`-sized parts without splitting a surrogate pair or an escape. */
function hardSplit(line: string, max: number): string[] {
  if (line.length <= max) return [line];
  const parts: string[] = [];
  let rest = line;
  while (rest.length > max) {
    let cut = max;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    // An escaping backslash must stay with the character it escapes.
    if (rest[cut - 1] === '\\' && countTrailingBackslashes(rest.slice(0, cut)) % 2 === 1) cut -= 1;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  parts.push(rest);
  return parts;
}

function countTrailingBackslashes(text: string): number {
  let n = 0;
  for (let i = text.length - 1; i >= 0 && text[i] === '\\'; i--) n++;
  return n;
}
