import { describe, expect, it } from 'vitest';
import { visibleWidth } from '../../src/render/ansi.js';
import { wrapText } from '../../src/render/wrap.js';

describe('wrapText', () => {
  it('breaks between words when a line would exceed the width', () => {
    expect(wrapText('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
  });

  it('keeps explicit line breaks and blank lines', () => {
    expect(wrapText('a\n\nb', 10)).toEqual(['a', '', 'b']);
  });

  it('breaks a word when it is longer than the width', () => {
    expect(wrapText('/srv/media/encoded/abcdef', 10)).toEqual(['/srv/media', '/encoded/a', 'bcdef']);
  });

  it('counts wide characters as two columns when wrapping CJK text', () => {
    const lines = wrapText('文化遺産文化遺産', 6);
    expect(lines).toEqual(['文化遺', '産文化', '遺産']);
    for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(6);
  });
});
