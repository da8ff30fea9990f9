import { describe, expect, it } from 'vitest';
import { parseConsoleWords } from '../../src/chat/console/parse-line.js';
import { editDistance, suggest } from '../../src/dispatch/suggest.js';
import { tokenize } from '../../src/dispatch/tokenize.js';

describe('tokenize', () => {
  it('splits on whitespace and keeps quoted words together', () => {
    expect(tokenize(`/ops explain search "climate change"  --limit 5`)).toEqual(['/ops', 'explain', 'search', 'climate change', '--limit', '5']);
  });
  it('keeps shell metacharacters as plain text', () => {
    expect(tokenize(`health; rm -rf / $(id) 'a"b'`)).toEqual(['health;', 'rm', '-rf', '/', '$(id)', 'a"b']);
  });
  it('returns no words for a blank line', () => {
    expect(tokenize('   \t ')).toEqual([]);
  });
  it('honours backslash escapes outside single quotes', () => {
    expect(tokenize('a\\ b "c\\"d"')).toEqual(['a b', 'c"d']);
  });
});

describe('parseConsoleWords', () => {
  it('accepts /ops health, ops health and health alike', () => {
    for (const line of ['/ops health', 'ops health', 'health']) expect(parseConsoleWords(tokenize(line))).toEqual({ command: 'health', args: [], json: false });
  });
  it('takes --json anywhere and turns --help into help <command>', () => {
    expect(parseConsoleWords(['health', '--json'])).toEqual({ command: 'health', args: [], json: true });
    expect(parseConsoleWords(['health', '--help'])).toEqual({ command: 'help', args: ['health'], json: false });
    expect(parseConsoleWords(['--help'])).toEqual({ command: 'help', args: [], json: false });
    expect(parseConsoleWords([])).toEqual({ command: 'help', args: [], json: false });
    expect(parseConsoleWords(['--version'])).toEqual({ command: 'version', args: [], json: false });
  });
});

describe('suggest', () => {
  const names = ['health', 'help', 'config', 'version', 'slow-queries'];
  it('finds a transposition typo', () => {
    expect(editDistance('helath', 'health')).toBe(1);
    expect(suggest('helath', names)).toBe('health');
  });
  it('finds a unique prefix', () => {
    expect(suggest('slow', names)).toBe('slow-queries');
  });
  it('suggests nothing for an unrelated word', () => {
    expect(suggest('deploy', names)).toBeUndefined();
  });
});
