import type { OncallConfig, PersonConfig } from '../config/oncall-schema.js';
import type { OncallRole } from './targets.js';
import { addDays, fromLocal, parseDateTime, parseTimeOfDay, WEEKDAYS } from './zoned-time.js';

export type Person = PersonConfig;

/** One week of the rotation: [start, end), handoff to handoff. */
export interface Shift {
  index: number;
  start: number;
  end: number;
  primary: Person;
  /** The next person in the rotation; undefined when the rotation has one person. */
  secondary: Person | undefined;
}

export interface RosterOverride {
  who: Person;
  role: OncallRole;
  /** Epoch ms, [from, to). */
  from: number;
  to: number;
}

/** Who holds a role at an instant, and until when that stays so (the next handoff or override edge). */
export interface Assignment {
  person: Person;
  via: 'rotation' | 'override';
  until: number;
}

export interface Roster {
  /** IANA zone of handoffs and override times. */
  timezone: string;
  hasRotation: boolean;
  /** The shift containing `at`; undefined without a rotation. */
  shiftAt(at: number): Shift | undefined;
  /** `count` consecutive shifts, the first one containing `from`. */
  shifts(from: number, count: number): Shift[];
  /** Who holds `role` at `at`: an override covering `at` wins (the last listed, when several do), else the rotation. */
  whoIs(role: OncallRole, at: number): Assignment | undefined;
  /** Overrides in config order, times resolved. */
  overrides: readonly RosterOverride[];
  contacts: readonly Person[];
  /** A contact or rotation member by name. */
  findPerson(name: string): Person | undefined;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * The on-call roster from the validated config: a weekly rotation (the first person takes the first handoff on or
 * after `start`, then the next person each week, repeating in both directions) and overrides on top of it. The
 * secondary is the person after the primary in the rotation. Handoffs keep their local time across daylight saving.
 */
export function createRoster(oncall: OncallConfig, defaultTimezone: string): Roster {
  const rotation = oncall.rotation;
  const timezone = rotation?.timezone ?? defaultTimezone;
  const byName = new Map<string, Person>(oncall.contacts.map((c) => [c.name, c]));
  const people: Person[] = (rotation?.people ?? []).flatMap((p) => {
    const person = typeof p === 'string' ? byName.get(p) : p;
    return person ? [person] : [];
  });
  for (const person of people) if (!byName.has(person.name)) byName.set(person.name, person);

  const handoffAt = rotation ? firstHandoff(rotation.start, rotation.handoff.weekday, rotation.handoff.time) : undefined;
  function handoff(index: number): number {
    if (!handoffAt) return 0;
    return fromLocal({ ...addDays(handoffAt.date, 7 * index), ...handoffAt.time }, timezone);
  }

  function shiftByIndex(index: number): Shift | undefined {
    const n = people.length;
    const primary = people[mod(index, n)];
    if (!primary) return undefined;
    return { index, start: handoff(index), end: handoff(index + 1), primary, secondary: n >= 2 ? people[mod(index + 1, n)] : undefined };
  }

  function indexAt(at: number): number {
    // A week is 7 × 24 h except across a daylight-saving change; the estimate is off by one at most.
    let index = Math.floor((at - handoff(0)) / WEEK_MS);
    while (handoff(index) > at) index--;
    while (handoff(index + 1) <= at) index++;
    return index;
  }

  const overrides: RosterOverride[] = oncall.overrides.flatMap((o) => {
    const who = byName.get(o.who);
    const from = parseDateTime(o.from, timezone);
    const to = parseDateTime(o.to, timezone);
    return who && from !== undefined && to !== undefined ? [{ who, role: o.role, from, to }] : [];
  });

  function whoIs(role: OncallRole, at: number): Assignment | undefined {
    const covering = overrides.filter((o) => o.role === role && o.from <= at && at < o.to);
    const override = covering[covering.length - 1];
    if (override) return { person: override.who, via: 'override', until: override.to };
    if (!handoffAt) return undefined;
    const shift = shiftByIndex(indexAt(at));
    const person = role === 'primary' ? shift?.primary : shift?.secondary;
    if (!shift || !person) return undefined;
    const nextOverride = Math.min(...overrides.filter((o) => o.role === role && o.from > at).map((o) => o.from));
    return { person, via: 'rotation', until: Math.min(shift.end, nextOverride) };
  }

  return {
    timezone,
    hasRotation: handoffAt !== undefined && people.length > 0,
    shiftAt: (at) => (handoffAt ? shiftByIndex(indexAt(at)) : undefined),
    shifts(from, count) {
      if (!handoffAt) return [];
      const first = indexAt(from);
      return Array.from({ length: count }, (_, i) => shiftByIndex(first + i)).filter((s): s is Shift => s !== undefined);
    },
    whoIs,
    overrides,
    contacts: oncall.contacts,
    findPerson: (name) => byName.get(name),
  };
}

/** The calendar date and local time of handoff 0: the first handoff weekday on or after `start`. */
function firstHandoff(start: string, weekday: (typeof WEEKDAYS)[number], time: string) {
  const [year = 1970, month = 1, day = 1] = start.split('-').map(Number);
  const startWeekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const ahead = mod(WEEKDAYS.indexOf(weekday) - startWeekday, 7);
  const date = addDays({ year, month, day }, ahead);
  return { date, time: parseTimeOfDay(time) ?? { hour: 9, minute: 0 } };
}

function mod(n: number, m: number): number {
  return m === 0 ? 0 : ((n % m) + m) % m;
}
