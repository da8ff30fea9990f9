import { formatAge } from '../health/format.js';

export { formatAge, formatPercent } from '../health/format.js';

/** Decimal units, as CinemataCMS writes sizes ("12.3MB" is 12.3 × 10^6 bytes). */
export function formatDecimalBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 || value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** Percentage points with a sign: "+3.2 pp", "−1.0 pp"; "n/a" without a figure to compare. */
export function formatPoints(points: number | null): string {
  if (points === null) return 'n/a';
  if (Math.abs(points) < 0.05) return '±0 pp';
  return `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pp`;
}

/** "3h 2m ago" from epoch ms. */
export function formatAgo(now: number, at: number | null): string {
  return at === null ? 'n/a' : `${formatAge((now - at) / 1000)} ago`;
}

/** x times real time: 2.5 means 2.5 s of video per second of encoding. */
export function formatSpeed(videoSeconds: number, runSeconds: number): string {
  if (runSeconds <= 0) return 'n/a';
  const speed = videoSeconds / runSeconds;
  return `${speed >= 10 ? speed.toFixed(0) : speed.toFixed(2)}×`;
}

/** A log tail for a code block: CinemataCMS keeps progress lines joined by carriage returns; show them as lines. */
export function formatLogTail(logs: string): string {
  const text = logs.replace(/\r\n?/g, '\n').replace(/\n{2,}/g, '\n').trim();
  return text === '' ? '(empty)' : text;
}
