import type { Series } from '../reports/report.js';
import { padToWidth, truncateToWidth, visibleWidth } from './ansi.js';
import { sanitizeLine } from './sanitize.js';
import { DEFAULT_SPARK_WIDTH, renderSparkline } from './sparkline.js';
import { wrapText } from './wrap.js';

/** Below this a sparkline shows no shape; overflowing a very narrow terminal is the lesser evil. */
const MIN_SPARK_WIDTH = 8;
const STATS_GAP = '  ';

/**
 * One line per series: `label  ▁▂▅█  min … max … last …`, labels and stats aligned across the block. When the
 * stats do not fit beside the sparklines, every series with points puts them on a second line under its sparkline.
 */
export function renderChart(series: readonly Series[], { width }: { width: number }): string[] {
  const labels = series.map((s) => sanitizeLine(s.label));
  const labelWidth = Math.min(Math.max(0, ...labels.map(visibleWidth)), Math.floor(width / 3));
  const sparkBudget = Math.max(MIN_SPARK_WIDTH, Math.min(DEFAULT_SPARK_WIDTH, width - labelWidth - 2));
  const sparks = series.map((s) => renderSparkline(s.points.map((p) => p[1]), sparkBudget));
  const stats = series.map(describeSeries);
  const sparkWidth = Math.max(0, ...sparks.map(visibleWidth));
  const statsWidth = Math.max(0, ...stats.map((parts) => visibleWidth(parts.join(STATS_GAP))));
  const inline = labelWidth + 2 + sparkWidth + 2 + statsWidth <= width;
  const statsIndent = ' '.repeat(labelWidth + 2);

  return series.flatMap((_, i) => {
    const head = `${padToWidth(truncateToWidth(labels[i] ?? '', labelWidth), labelWidth)}  ${sparks[i] ?? ''}`;
    const parts = stats[i] ?? [];
    if (inline) return [`${padToWidth(head, labelWidth + 2 + sparkWidth)}  ${parts.join(STATS_GAP)}`];
    const statLines = packParts(parts, width - statsIndent.length);
    // A series without points has no sparkline to sit under: its `no data` takes the sparkline's place.
    if (sparks[i] === '') return [`${head}${statLines[0] ?? ''}`, ...statLines.slice(1).map((l) => statsIndent + l)];
    return [head.trimEnd(), ...statLines.map((l) => statsIndent + l)];
  });
}

/** Joins parts with the gap while they fit, so a narrow terminal gets `min … max …` then `last …`. */
function packParts(parts: readonly string[], width: number): string[] {
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines.at(-1);
    if (last !== undefined && visibleWidth(last) + STATS_GAP.length + visibleWidth(part) <= width) {
      lines[lines.length - 1] = last + STATS_GAP + part;
    } else {
      lines.push(...wrapText(part, width));
    }
  }
  return lines;
}

/** `['min 1.2 %', 'max 9 %', 'last 3 %']` over every finite point, or `['no data']`. */
export function describeSeries(series: Series): string[] {
  let min = Infinity;
  let max = -Infinity;
  let last: number | undefined;
  for (const [, value] of series.points) {
    if (!Number.isFinite(value)) continue;
    min = Math.min(min, value);
    max = Math.max(max, value);
    last = value;
  }
  if (last === undefined) return ['no data'];
  const unit = series.unit === undefined || series.unit === '' ? '' : ` ${sanitizeLine(series.unit)}`;
  return [`min ${formatNumber(min)}${unit}`, `max ${formatNumber(max)}${unit}`, `last ${formatNumber(last)}${unit}`];
}

/** Three significant digits, whole numbers from 100 up, no trailing zeros, never locale-dependent. */
export function formatNumber(value: number): string {
  if (Math.abs(value) >= 100) return value.toFixed(0);
  return String(Number(value.toPrecision(3)));
}
