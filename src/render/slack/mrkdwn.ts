import type { Severity } from '../../reports/report.js';

/**
 * Slack's own escaping for mrkdwn: `&`, `<` and `>` only. With them escaped, report text cannot form a link, a
 * mention (`<!channel>`, `<@U123>`) or a date token; `verbatim: true` on the text object stops Slack from
 * linking bare names on its own.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inside a ``` block nothing is formatted, but a run of three backticks would end it: a zero-width space breaks it. */
export function escapeCode(text: string): string {
  return escapeMrkdwn(text).replace(/`{3,}/g, (run) => run.split('').join('\u200b'));
}

/** Shown next to every severity, so it survives without colour (screen readers, mobile previews). */
export const SEVERITY_EMOJI: Readonly<Record<Severity, string>> = {
  critical: ':red_circle:',
  warning: ':large_orange_circle:',
  info: ':large_blue_circle:',
  ok: ':large_green_circle:',
};

export const SEVERITY_WORD: Readonly<Record<Severity, string>> = { critical: 'Critical', warning: 'Warning', info: 'Info', ok: 'OK' };

/** The attachment bar colour per severity. */
export const SEVERITY_COLOR: Readonly<Record<Severity, string>> = {
  critical: '#D93025',
  warning: '#F2A600',
  info: '#1A73E8',
  ok: '#2EB67D',
};

/**
 * A timestamp every reader sees in their own time zone, with the UTC text as the fallback Slack shows where it
 * cannot format dates (notifications, old clients).
 */
export function formatSlackDate(epochMs: number): string {
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) return 'at an unknown time';
  const utc = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(epochMs / 1000)}^{date_short_pretty} {time}|${utc}>`;
}

/**
 * Splits already-escaped text into pieces of at most `limit` characters: at a line break if there is one in the
 * second half of the window, else at a space, else hard (never inside an `&amp;` entity or a surrogate pair).
 * The break character itself is dropped; nothing else is.
 */
export function splitText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    const soft = Math.max(window.lastIndexOf('\n'), -1);
    const cut = soft > limit / 2 ? soft : window.lastIndexOf(' ') > limit / 2 ? window.lastIndexOf(' ') : -1;
    if (cut > 0) {
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
    } else {
      const hard = safeCut(rest, limit);
      pieces.push(rest.slice(0, hard));
      rest = rest.slice(hard);
    }
  }
  if (rest !== '' || pieces.length === 0) pieces.push(rest);
  return pieces;
}

function safeCut(text: string, limit: number): number {
  let cut = limit;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > cut - 5 && !text.slice(amp, cut).includes(';')) cut = amp;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return Math.max(1, cut);
}

/** Shortens one-line text to `limit` characters with a visible `…`. */
export function shorten(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = safeCut(text, limit - 1);
  return `${text.slice(0, cut)}…`;
}
