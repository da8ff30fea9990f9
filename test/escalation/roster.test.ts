import { describe, expect, it } from 'vitest';
import { createRoster } from '../../src/escalation/roster.js';
import { configFromYaml, ROSTER_YAML } from './support/fixtures.js';

const at = (iso: string) => Date.parse(iso);

describe('on-call roster', () => {
  it('hands the primary role to the next person at the local handoff time and wraps around', () => {
    const config = configFromYaml(ROSTER_YAML);
    const roster = createRoster(config.oncall, config.timezone);
    // Monday 09:00 in Manila is 01:00 UTC.
    expect(roster.whoIs('primary', at('2026-12-07T00:59:59Z'))).toMatchObject({ person: { name: 'Ana' }, via: 'rotation', until: at('2026-12-07T01:00:00Z') });
    expect(roster.whoIs('secondary', at('2026-12-07T00:59:59Z'))?.person.name).toBe('Ben');
    expect(roster.whoIs('primary', at('2026-12-07T01:00:00Z'))?.person.name).toBe('Ben');
    expect(roster.whoIs('secondary', at('2026-12-07T01:00:00Z'))?.person.name).toBe('Cy');
    expect(roster.whoIs('primary', at('2026-12-14T01:00:00Z'))).toMatchObject({ person: { name: 'Cy' } });
    expect(roster.whoIs('secondary', at('2026-12-14T01:00:00Z'))?.person.name).toBe('Ana');
    expect(roster.whoIs('primary', at('2026-12-21T01:00:00Z'))?.person.name).toBe('Ana');
    // Before the first handoff the rotation runs backwards: the last person holds the week before.
    expect(roster.whoIs('primary', at('2026-11-29T12:00:00Z'))?.person.name).toBe('Cy');
  });

  it('lists consecutive shifts from the one containing the given time', () => {
    const config = configFromYaml(ROSTER_YAML);
    const shifts = createRoster(config.oncall, config.timezone).shifts(at('2026-12-04T09:00:00Z'), 3);
    expect(shifts.map((s) => [new Date(s.start).toISOString(), s.primary.name, s.secondary?.name])).toEqual([
      ['2026-11-30T01:00:00.000Z', 'Ana', 'Ben'],
      ['2026-12-07T01:00:00.000Z', 'Ben', 'Cy'],
      ['2026-12-14T01:00:00.000Z', 'Cy', 'Ana'],
    ]);
  });

  it('keeps the local handoff time across a daylight-saving change', () => {
    const config = configFromYaml(`
oncall:
  rotation:
    start: 2027-03-15
    handoff: { weekday: monday, time: "09:00" }
    timezone: Europe/Berlin
    people: [{ name: Ana, email: ana@example.org }, { name: Ben, email: ben@example.org }]
`);
    const roster = createRoster(config.oncall, config.timezone);
    // Berlin moves from UTC+1 to UTC+2 on 2027-03-28: 09:00 local is 08:00 UTC, then 07:00 UTC.
    expect(roster.shifts(at('2027-03-15T12:00:00Z'), 3).map((s) => new Date(s.start).toISOString())).toEqual([
      '2027-03-15T08:00:00.000Z',
      '2027-03-22T08:00:00.000Z',
      '2027-03-29T07:00:00.000Z',
    ]);
    expect(roster.whoIs('primary', at('2027-03-29T06:59:00Z'))?.person.name).toBe('Ben');
    expect(roster.whoIs('primary', at('2027-03-29T07:00:00Z'))?.person.name).toBe('Ana');
  });

  it('lets an override take a role for its window, then gives it back to the rotation', () => {
    const config = configFromYaml(
      `${ROSTER_YAML}
  overrides:
    - { who: Dee, from: "2026-12-05T18:00", to: "2026-12-06T18:00" }
    - { who: Cy, role: secondary, from: "2026-12-01T00:00Z", to: "2026-12-10T00:00Z" }
`,
    );
    const roster = createRoster(config.oncall, config.timezone);
    // Override times without an offset are in the rotation's zone (Manila, UTC+8).
    expect(roster.whoIs('primary', at('2026-12-05T09:59:00Z'))).toMatchObject({ person: { name: 'Ana' }, via: 'rotation', until: at('2026-12-05T10:00:00Z') });
    expect(roster.whoIs('primary', at('2026-12-05T10:00:00Z'))).toMatchObject({ person: { name: 'Dee', email: 'dee@example.org' }, via: 'override', until: at('2026-12-06T10:00:00Z') });
    expect(roster.whoIs('primary', at('2026-12-06T10:00:00Z'))).toMatchObject({ person: { name: 'Ana' }, via: 'rotation' });
    expect(roster.whoIs('secondary', at('2026-12-05T10:00:00Z'))).toMatchObject({ person: { name: 'Cy' }, via: 'override' });
    // Across the handoff, the secondary override still holds while the primary changes hands.
    expect(roster.whoIs('primary', at('2026-12-08T00:00:00Z'))?.person.name).toBe('Ben');
    expect(roster.whoIs('secondary', at('2026-12-08T00:00:00Z'))?.person.name).toBe('Cy');
    expect(roster.whoIs('secondary', at('2026-12-10T00:00:00Z'))).toMatchObject({ person: { name: 'Cy' }, via: 'rotation' });
  });

  it('refers to contacts by name in the rotation', () => {
    const config = configFromYaml(`
oncall:
  contacts: [{ name: Dee, email: dee@example.org }]
  rotation: { start: 2026-11-30, people: [Dee, { name: Ana, email: ana@example.org }] }
`);
    const roster = createRoster(config.oncall, 'UTC');
    expect(roster.whoIs('primary', at('2026-12-01T00:00:00Z'))?.person).toEqual({ name: 'Dee', email: 'dee@example.org' });
    expect(roster.timezone).toBe('UTC');
  });
});
