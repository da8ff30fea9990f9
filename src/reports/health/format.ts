/** Human units for reports. Binary prefixes, as `df -h` and `free -h` show them. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 || value >= 100 ? value.toFixed(0) : value.toFixed(1);
  return `${bytes < 0 ? '-' : ''}${shown} ${units[unit]}`;
}

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}%`;
}

export function formatRate(bytesPerSecond: number | null): string {
  return bytesPerSecond === null ? 'n/a (first reading)' : `${formatBytes(bytesPerSecond)}/s`;
}

/** "3d 4h", "5h 12m", "42s": the two largest units are enough to read an uptime or an age at a glance. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s % 60}s`;
  return `${s}s`;
}
