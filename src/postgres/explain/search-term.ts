import { UserError } from '../../errors.js';

/** Letters, digits, spaces and hyphens: nothing that could change the tsquery's syntax. */
const TERM_RE = /^[\p{L}\p{N}\s-]+$/u;
export const MAX_TERM_CHARS = 100;

/**
 * The common English words of CinemataCMS's files/stop_words.py (which also lists Spanish ones). The app drops them
 * before building the query; keeping them would give a different query from the one it runs.
 */
const STOP_WORDS = new Set(
  'a about after all also an and any are as at be because been but by can could did do does for from had has have he her his how i if in into is it its just me more most my no not of on one or other our out she so some than that the their them then there these they this to up was we were what when where which who will with would you your'.split(' '),
);

/**
 * Builds the to_tsquery argument the way /api/v1/search does (files/views.py): lower-case, split on spaces, drop
 * stop words, strip trailing "y" from each word (the app's rstrip("y")), then AND the words as prefixes:
 * "Climate change" → "climate:* & change:*". Refuses anything but letters, digits, spaces and hyphens.
 */
export function buildSearchTsQuery(term: string): string {
  const trimmed = term.trim();
  if (trimmed === '' || trimmed.length > MAX_TERM_CHARS || !TERM_RE.test(trimmed)) {
    throw new UserError('bad_option', `explain: the search term must be 1–${MAX_TERM_CHARS} letters, digits, spaces or hyphens, got "${term.slice(0, 120)}"`, {
      hint: 'e.g. cinemata-ops explain search "climate change"',
    });
  }
  const words = trimmed
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/-+/g, '-').replace(/^-|-$/g, ''))
    .filter((w) => w !== '' && !STOP_WORDS.has(w))
    .map((w) => w.replace(/y+$/, ''))
    .filter((w) => w !== '');
  if (words.length === 0) {
    throw new UserError('bad_option', `explain: "${trimmed}" has only stop words, so CinemataCMS would search for nothing`, {
      hint: 'give a word a title or description would contain, e.g. climate',
    });
  }
  return words.map((w) => `${w}:*`).join(' & ');
}
