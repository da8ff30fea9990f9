import { z } from 'zod';
import { parseTarget } from '../escalation/targets.js';
import { isTimezone, parseDateTime, parseTimeOfDay, WEEKDAYS } from '../escalation/zoned-time.js';
import { durationMs } from './schema-helpers.js';

const SEVERITY = z.enum(['info', 'warning', 'critical']);

/** Someone who can be paged. Chat ids are optional: they are shown next to the name so chat users can mention them. */
const personSchema = z.strictObject({
  name: z.string().min(1),
  email: z.email('expected an email address like ana@example.org'),
  slack: z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'a Slack user id looks like U0123ABCD').optional(),
  discord: z.string().regex(/^\d{17,20}$/, 'a Discord user id is 17–20 digits').optional(),
});

const dateTimeText = z.string().refine((text) => parseDateTime(text, 'UTC') !== undefined, {
  message: 'expected a date and time like 2026-12-24T18:00 (in the rotation timezone) or 2026-12-24T10:00Z',
});

/** A weekly rotation: people take turns, in order, one week each, handing off at the same local time. */
const rotationSchema = z.strictObject({
  /** The first handoff is the first `handoff.weekday` on or after this date; the first person takes it. */
  start: z.string().refine((text) => /^\d{4}-\d{2}-\d{2}$/.test(text) && parseDateTime(text, 'UTC') !== undefined, {
    message: 'expected a date like 2026-01-05',
  }),
  handoff: z
    .strictObject({
      weekday: z.enum(WEEKDAYS).default('monday'),
      time: z.string().refine((text) => parseTimeOfDay(text) !== undefined, { message: 'expected a time like 09:00 (quote it in YAML)' }).default('09:00'),
    })
    .prefault({}),
  /** IANA zone of the handoff time and of override times without an offset. Default: the top-level `timezone`. */
  timezone: z.string().refine(isTimezone, { message: 'expected an IANA timezone such as UTC or Asia/Manila' }).optional(),
  /** In order. A name refers to an entry of `oncall.contacts`; or write the person out in full. */
  people: z.array(z.union([z.string().min(1), personSchema])).min(1, 'list at least one person'),
});

/** Someone takes a role for a while (holiday cover, a swap): wins over the rotation inside [from, to). */
const overrideSchema = z.strictObject({
  who: z.string().min(1),
  role: z.enum(['primary', 'secondary']).default('primary'),
  from: dateTimeText,
  to: dateTimeText,
});

const targetText = z.string().superRefine((text, ctx) => {
  const parsed = parseTarget(text);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
});

const stepSchema = z.strictObject({
  /** Wait after the previous step (after the alert fired, for the first step). Default: `oncall.escalateAfter`. */
  after: durationMs({ min: 0, max: 7 * 86_400_000 }).optional(),
  notify: z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(targetText).min(1, 'notify at least one target')),
});

/** The first policy whose severities and label matchers fit a firing alert escalates it; the others are ignored. */
const policySchema = z.strictObject({
  name: z.string().regex(/^[\w.-]+$/, 'letters, digits and . _ - only'),
  severities: z.array(SEVERITY).min(1).default(['critical']),
  /** Label equality, as in silences: every listed label must have this value. */
  matchers: z.record(z.string(), z.string()).default({}),
  steps: z.array(stepSchema).min(1, 'a policy needs at least one step'),
});

/**
 * `oncall`: who is paged by email when an alert nobody acknowledges keeps firing. The older two-key form
 * (`escalateAfter` + `contacts`) still means what it meant: without `policies`, a critical alert unacknowledged for
 * `escalateAfter` is emailed to the contacts (to the primary on-call first, when a rotation is set).
 */
export const oncallSchema = z
  .strictObject({
    /** Default wait of a step without `after`, and of the built-in policy. */
    escalateAfter: durationMs({ min: 60_000 }).default(900_000),
    /** Named people: the escalation list (`contacts` target) and who `contact:<name>` and rotations refer to. */
    contacts: z.array(personSchema).default([]),
    rotation: rotationSchema.optional(),
    overrides: z.array(overrideSchema).default([]),
    /** Without it, the built-in policy described above applies. */
    policies: z.array(policySchema).optional(),
    /** How long an acknowledge link in an email works. */
    ackLinkTtl: durationMs({ min: 300_000, max: 30 * 86_400_000 }).default(86_400_000),
  })
  .superRefine((oncall, ctx) => {
    const problem = (path: Array<string | number>, message: string) => ctx.addIssue({ code: 'custom', path, message });
    const known = new Map<string, string>();
    oncall.contacts.forEach((contact, i) => {
      if (known.has(contact.name)) problem(['contacts', i, 'name'], `"${contact.name}" is listed twice`);
      known.set(contact.name, contact.email);
    });
    const rotation = oncall.rotation;
    rotation?.people.forEach((person, i) => {
      if (typeof person === 'string') {
        if (!known.has(person)) problem(['rotation', 'people', i], `no contact named "${person}" in oncall.contacts`);
      } else if (known.has(person.name) && known.get(person.name) !== person.email) {
        problem(['rotation', 'people', i, 'name'], `"${person.name}" is already listed with another email address`);
      } else {
        known.set(person.name, person.email);
      }
    });
    const timezone = rotation?.timezone ?? 'UTC';
    oncall.overrides.forEach((override, i) => {
      if (!rotation) problem(['overrides', i], 'overrides need oncall.rotation');
      if (!known.has(override.who)) problem(['overrides', i, 'who'], `no one named "${override.who}" in oncall.contacts or oncall.rotation.people`);
      const from = parseDateTime(override.from, timezone) ?? 0;
      if ((parseDateTime(override.to, timezone) ?? 0) <= from) problem(['overrides', i, 'to'], 'must be after from');
    });
    const hasSecondary = (rotation?.people.length ?? 0) >= 2 || oncall.overrides.some((o) => o.role === 'secondary');
    const names = new Set<string>();
    oncall.policies?.forEach((policy, p) => {
      if (names.has(policy.name)) problem(['policies', p, 'name'], `policy "${policy.name}" is defined twice`);
      names.add(policy.name);
      policy.steps.forEach((step, s) =>
        step.notify.forEach((text, t) => {
          const parsed = parseTarget(text);
          if (!parsed.ok) return;
          const where = ['policies', p, 'steps', s, 'notify', t];
          const target = parsed.target;
          if (target.kind === 'role' && !rotation) problem(where, `${target.role} needs oncall.rotation`);
          else if (target.kind === 'role' && target.role === 'secondary' && !hasSecondary) {
            problem(where, 'secondary needs at least two people in oncall.rotation.people');
          } else if (target.kind === 'contacts' && oncall.contacts.length === 0) problem(where, 'oncall.contacts is empty');
          else if (target.kind === 'person' && !known.has(target.name)) problem(where, `no one named "${target.name}" in oncall.contacts or oncall.rotation.people`);
        }),
      );
    });
  })
  .prefault({});

export type OncallConfig = z.output<typeof oncallSchema>;
export type PersonConfig = z.output<typeof personSchema>;
