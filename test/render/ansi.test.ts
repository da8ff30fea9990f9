import { describe, expect, it } from 'vitest';
import { createPainter, padToWidth, stripAnsi, truncateToWidth, visibleWidth } from '../../src/render/ansi.js';

describe('createPainter', () => {
  it('wraps text in SGR codes when enabled', () => {
    expect(createPainter(true)('x', 'bold', 'red')).toBe('\u001b[1;31mx\u001b[22;39m');
  });

  it('returns text untouched when disabled', () => {
    expect(createPainter(false)('x', 'bold', 'red')).toBe('x');
  });

  it('adds nothing when no style is given or the text is empty', () => {
    const paint = createPainter(true);
    expect(paint('x', undefined)).toBe('x');
    expect(paint('', 'red')).toBe('');
  });
});

describe('visibleWidth', () => {
  it('ignores colour codes when text is painted', () => {
    expect(visibleWidth(createPainter(true)('hello', 'green'))).toBe(5);
  });

  it('counts code points, not UTF-16 units, when text has astral characters', () => {
    expect('𝐀𝐁'.length).toBe(4);
    expect(visibleWidth('𝐀𝐁')).toBe(2);
  });

  it('counts two columns per character when text is CJK or fullwidth', () => {
    expect(visibleWidth('文化遺産')).toBe(8);
    expect(visibleWidth('ＡＢ')).toBe(4);
  });

  it('counts two columns per emoji when emoji have modifiers, joiners or flags', () => {
    expect(visibleWidth('🎉')).toBe(2);
    expect(visibleWidth('👍🏽')).toBe(2);
    expect(visibleWidth('👩‍💻')).toBe(2);
    expect(visibleWidth('🇩🇪')).toBe(2);
  });

  it('counts combining accents as zero when text is decomposed', () => {
    expect(visibleWidth('e\u0301te\u0301')).toBe(3);
  });

  it('counts the sparkline and box glyphs as one column each', () => {
    expect(visibleWidth('▁▄█─…')).toBe(5);
  });
});

describe('truncateToWidth', () => {
  it('keeps text whole when it fits', () => {
    expect(truncateToWidth('abc', 3)).toBe('abc');
  });

  it('ends in an ellipsis within the width when text is too long', () => {
    expect(truncateToWidth('abcdef', 4)).toBe('abc…');
  });

  it('never splits a wide character when cutting CJK text', () => {
    const cut = truncateToWidth('文化遺産', 6);
    expect(cut).toBe('文化…');
    expect(visibleWidth(cut)).toBeLessThanOrEqual(6);
  });

  it('never splits an emoji sequence when cutting', () => {
    expect(truncateToWidth('a👩‍💻b', 3)).toBe('a…');
  });
});

describe('padToWidth', () => {
  it('pads on the left when aligned right', () => {
    expect(padToWidth('7', 3, 'right')).toBe('  7');
  });

  it('pads by visible width when text holds wide characters', () => {
    expect(padToWidth('日本', 6)).toBe('日本  ');
  });
});

describe('stripAnsi', () => {
  it('removes CSI and OSC sequences whole when text holds them', () => {
    expect(stripAnsi('\u001b[31mred\u001b[0m \u001b]0;title\u0007ok \u001b[2J')).toBe('red ok ');
  });
});
