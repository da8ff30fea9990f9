/** Eight heights, lowest first. */
export const SPARK_GLYPHS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** A flat series has no range to scale against; the middle glyph reads as "flat", not as "low". */
const FLAT_GLYPH = '▄';
/** A bucket with no finite value (a gap in collection) shows as blank rather than as a made-up height. */
const GAP_GLYPH = ' ';

export const DEFAULT_SPARK_WIDTH = 40;

/**
 * One glyph per value, scaled between the series' own min and max. Longer series are first averaged down to
 * `maxGlyphs` buckets, so the line always covers the whole window (spikes still show in the min/max the caller
 * prints next to it).
 */
export function renderSparkline(values: readonly number[], maxGlyphs: number = DEFAULT_SPARK_WIDTH): string {
  const sampled = resampleValues(values, maxGlyphs);
  const finite = sampled.filter(Number.isFinite);
  if (finite.length === 0) return GAP_GLYPH.repeat(sampled.length);
  const min = Math.min(...finite);
  const range = Math.max(...finite) - min;
  const top = SPARK_GLYPHS.length - 1;
  return sampled
    .map((v) => {
      if (!Number.isFinite(v)) return GAP_GLYPH;
      if (range === 0) return FLAT_GLYPH;
      return SPARK_GLYPHS[Math.round(((v - min) / range) * top)] ?? FLAT_GLYPH;
    })
    .join('');
}

/**
 * Averages `values` into at most `buckets` consecutive, near-equal buckets (by index: samples arrive at a steady
 * interval, and index buckets never leave a glyph empty). Non-finite values are skipped; a bucket with none left
 * is NaN. Series that already fit are returned as they are.
 */
export function resampleValues(values: readonly number[], buckets: number): number[] {
  const count = Math.max(1, Math.floor(buckets));
  if (values.length <= count) return [...values];
  const out: number[] = [];
  for (let b = 0; b < count; b += 1) {
    const from = Math.floor((b * values.length) / count);
    const to = Math.floor(((b + 1) * values.length) / count);
    let sum = 0;
    let n = 0;
    for (let i = from; i < to; i += 1) {
      const v = values[i];
      if (v !== undefined && Number.isFinite(v)) {
        sum += v;
        n += 1;
      }
    }
    out.push(n === 0 ? Number.NaN : sum / n);
  }
  return out;
}
