import { describe, expect, it } from 'vitest';
import { renderSparkline, resampleValues, SPARK_GLYPHS } from '../../src/render/sparkline.js';

describe('renderSparkline', () => {
  it('draws one flat middle glyph per point when the series is constant', () => {
    expect(renderSparkline([7, 7, 7, 7])).toBe('▄▄▄▄');
  });

  it('rises from the lowest to the highest glyph when the series increases', () => {
    expect(renderSparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe(SPARK_GLYPHS.join(''));
  });

  it('never falls when the series increases unevenly', () => {
    const glyphs = Array.from(renderSparkline([1, 2, 4, 8, 16, 32, 64, 128, 256]));
    const heights = glyphs.map((g) => SPARK_GLYPHS.indexOf(g as (typeof SPARK_GLYPHS)[number]));
    expect(heights).toEqual([...heights].sort((a, b) => a - b));
    expect(glyphs[0]).toBe('▁');
    expect(glyphs.at(-1)).toBe('█');
  });

  it('is empty when the series is empty', () => {
    expect(renderSparkline([])).toBe('');
  });

  it('draws 40 glyphs when the series has 500 points', () => {
    const values = Array.from({ length: 500 }, (_, i) => i);
    const line = renderSparkline(values);
    expect(Array.from(line)).toHaveLength(40);
    expect(line.startsWith('▁')).toBe(true);
    expect(line.endsWith('█')).toBe(true);
  });

  it('draws at most maxGlyphs glyphs when given a narrower budget', () => {
    expect(Array.from(renderSparkline(Array.from({ length: 100 }, Math.random), 12))).toHaveLength(12);
  });

  it('leaves a blank when a point is not a number', () => {
    expect(renderSparkline([1, Number.NaN, 3])).toBe('▁ █');
  });
});

describe('resampleValues', () => {
  it('averages 500 points into 40 buckets covering the whole series', () => {
    const values = Array.from({ length: 500 }, (_, i) => i);
    const buckets = resampleValues(values, 40);
    expect(buckets).toHaveLength(40);
    expect(buckets[0]).toBe(5.5); // mean of 0..11, a 12-point bucket
    expect(buckets.at(-1)).toBe(493); // mean of 487..499, a 13-point bucket
  });

  it('returns the values unchanged when they already fit', () => {
    expect(resampleValues([3, 1, 2], 40)).toEqual([3, 1, 2]);
  });

  it('skips non-finite values and yields NaN when a bucket has none', () => {
    expect(resampleValues([1, 3, Number.NaN, Number.NaN, 5, Infinity], 3)).toEqual([2, Number.NaN, 5]);
  });
});
