/**
 * Wall-clock time in an IANA zone, with nothing but `Intl`: handoffs happen at "Monday 09:00 in Manila", not at a
 * fixed UTC offset, so a rotation in a zone with daylight saving keeps its local handoff time all year.
 */

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A calendar date and time of day as people read it on a wall clock. `month` is 1–12. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number | undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of an instant in `timezone`. */
export function toLocal(epochMs: number, timezone: string): Required<LocalDateTime> & { weekday: number } {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timezone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const year = parts['year'] ?? 1970;
  const month = parts['month'] ?? 1;
  const day = parts['day'] ?? 1;
  return {
    year,
    month,
    day,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

/** How far `timezone` is ahead of UTC at that instant, in ms. */
function offsetAt(epochMs: number, timezone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const local = toLocal(whole, timezone);
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - whole;
}

/**
 * The instant a wall-clock time happens in `timezone`. A time skipped by a daylight-saving jump maps to the
 * same distance after the jump; a time that happens twice maps to one of the two.
 */
export function fromLocal(local: LocalDateTime, timezone: string): number {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second ?? 0);
  const first = offsetAt(asUtc, timezone);
  const second = offsetAt(asUtc - first, timezone);
  return asUtc - (first === second ? first : second);
}

/** The calendar date `days` after the given one (negative goes back). */
export function addDays(date: { year: number; month: number; day: number }, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * `2026-12-24`, `2026-12-24T18:00` or `2026-12-24 18:00` in `timezone`, or an explicit `…Z` / `…+08:00`.
 * Undefined when the text is not such a date or names a day that does not exist.
 */
export function parseDateTime(text: string, timezone: string): number | undefined {
  const match = DATE_TIME_RE.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = match;
  const local = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s) };
  const check = new Date(Date.UTC(local.year, local.month - 1, local.day));
  if (check.getUTCMonth() + 1 !== local.month || check.getUTCDate() !== local.day || local.hour > 23 || local.minute > 59 || local.second > 59) {
    return undefined;
  }
  if (zone === undefined) return fromLocal(local, timezone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  if (zone === 'Z') return asUtc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const [oh = 0, om = 0] = zone.slice(1).split(':').map(Number);
  return asUtc - sign * (oh * 60 + om) * 60_000;
}

/** `HH:MM`, 00:00–23:59. */
export function parseTimeOfDay(text: string): { hour: number; minute: number } | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

export function isTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `Mon 2026-12-07 09:00 Asia/Manila`: the zone spelled out, since an abbreviation such as CST is ambiguous. */
export function formatLocal(epochMs: number, timezone: string, options: { weekday?: boolean } = {}): string {
  const l = toLocal(epochMs, timezone);
  const day = options.weekday ? `${capitalize(WEEKDAYS[l.weekday] ?? '').slice(0, 3)} ` : '';
  return `${day}${l.year}-${pad(l.month)}-${pad(l.day)} ${pad(l.hour)}:${pad(l.minute)} ${timezone}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
