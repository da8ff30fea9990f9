import { formatDuration } from '../config/duration.js';
import type { Config } from '../config/load-config.js';
import type { Field, Report, Section, TableRow } from '../reports/report.js';
import type { Store } from '../store/store.js';
import { listEscalations, readEscalation } from './escalation-state.js';
import { resolvePolicies, type EscalationPolicy } from './policy.js';
import { createRoster, type Assignment, type Person, type Roster } from './roster.js';
import { formatTarget, type OncallRole } from './targets.js';
import { formatLocal } from './zoned-time.js';

export interface OncallReportInput {
  config: Pick<Config, 'oncall' | 'timezone'>;
  /** For the escalations in progress; left out when not given. */
  store?: Store | undefined;
  now: number;
  /** How many shifts of the rotation to list, the current one first. */
  shifts: number;
}

/** `oncall`: who is on call now and next, the handoffs, active and upcoming overrides, the policies, and escalations under way. */
export function buildOncallReport(input: OncallReportInput): Report {
  const { config, now } = input;
  const roster = createRoster(config.oncall, config.timezone);
  const policies = resolvePolicies(config.oncall);
  const tz = roster.timezone;
  const sections: Section[] = [];
  const usesRole = (role: OncallRole) => policies.some((p) => p.steps.some((s) => s.targets.some((t) => t.kind === 'role' && t.role === role)));

  const primary = roster.whoIs('primary', now);
  const secondary = roster.whoIs('secondary', now);
  const missing = (['primary', 'secondary'] as const).filter((role) => usesRole(role) && !roster.whoIs(role, now));
  if (roster.hasRotation || roster.overrides.length > 0) {
    const fields: Field[] = [
      { label: 'Primary', value: formatAssignment(primary, tz), severity: primary ? undefined : 'warning' },
      { label: 'Secondary', value: formatAssignment(secondary, tz) },
    ];
    const next = roster.shifts(now, 2)[1];
    if (next) {
      const names = `${next.primary.name} primary${next.secondary ? `, ${next.secondary.name} secondary` : ''}`;
      fields.push({ label: 'Next handoff', value: `${when(next.start, tz)} (in ${formatDuration(next.start - now)}): ${names}` });
    }
    sections.push({ title: 'Now', blocks: [{ kind: 'fields', fields }] });
  }
  if (roster.hasRotation) sections.push(rotationSection(roster, input, tz));
  const overrides = roster.overrides.filter((o) => o.to > now);
  if (roster.overrides.length > 0) {
    sections.push({
      title: 'Overrides',
      blocks: [
        {
          kind: 'table',
          columns: [{ label: 'who' }, { label: 'role' }, { label: 'from' }, { label: 'to' }, { label: 'status' }],
          rows: overrides.map((o) => ({ cells: [o.who.name, o.role, when(o.from, tz), when(o.to, tz), o.from <= now ? 'active' : 'upcoming'] })),
          caption: overrides.length < roster.overrides.length ? `${roster.overrides.length - overrides.length} ended override(s) not shown` : undefined,
        },
      ],
    });
  }
  if (roster.contacts.length > 0) sections.push({ title: 'Contacts', blocks: [{ kind: 'list', items: roster.contacts.map((c) => ({ text: formatPerson(c) })) }] });
  sections.push(policySection(policies, config.oncall.policies === undefined));
  if (input.store) {
    const progress = progressRows(input.store, policies, tz);
    if (progress.length > 0) {
      const columns = [{ label: 'alert' }, { label: 'steps done' }, { label: 'next step' }];
      sections.push({ title: 'Escalations in progress', blocks: [{ kind: 'table', columns, rows: progress }] });
    }
  }

  const nobody = !roster.hasRotation && roster.contacts.length === 0 && roster.overrides.length === 0;
  return {
    title: nobody ? 'On call: nobody is configured' : primary ? `On call: ${primary.person.name}` : 'On call',
    severity: nobody || missing.length > 0 ? 'warning' : 'info',
    summary: nobody
      ? 'No one is paged when a critical alert goes unacknowledged. Add oncall.rotation or oncall.contacts to cinemata-ops.yaml.'
      : missing.length > 0
        ? `Escalation policies page the ${missing.join(' and ')} on-call, but nobody holds that role now.`
        : undefined,
    sections,
    generatedAt: now,
  };
}

function rotationSection(roster: Roster, input: OncallReportInput, tz: string): Section {
  const rotation = input.config.oncall.rotation;
  const rows: TableRow[] = roster.shifts(input.now, input.shifts).map((s, i) => ({
    cells: [when(s.start, tz), when(s.end, tz), s.primary.name, s.secondary?.name ?? '—', i === 0 ? 'now' : ''],
  }));
  return {
    title: 'Rotation',
    blocks: [
      {
        kind: 'table',
        columns: [{ label: 'from' }, { label: 'to' }, { label: 'primary' }, { label: 'secondary' }, { label: '' }],
        rows,
        caption: rotation ? `weekly, handoff ${rotation.handoff.weekday} ${rotation.handoff.time} ${tz}; overrides are listed separately` : undefined,
      },
    ],
  };
}

function policySection(policies: readonly EscalationPolicy[], builtIn: boolean): Section {
  const rows = policies.map((p) => ({
    cells: [
      p.name,
      p.severities.join(', '),
      Object.entries(p.matchers).map(([k, v]) => `${k}=${v}`).join(', ') || 'any',
      p.steps.map((s) => `+${formatDuration(s.afterMs)} ${s.targets.map(formatTarget).join(', ')}`).join(' → '),
    ],
  }));
  return {
    title: 'Escalation policies',
    blocks: [
      {
        kind: 'table',
        columns: [{ label: 'policy' }, { label: 'severities' }, { label: 'labels' }, { label: 'steps (wait, then notify)' }],
        rows,
        caption: builtIn
          ? 'built in (no oncall.policies): escalateAfter, then the primary or the contacts'
          : 'first matching policy wins; an acknowledgement stops it',
      },
    ],
  };
}

function progressRows(store: Store, policies: readonly EscalationPolicy[], tz: string): TableRow[] {
  return listEscalations(store).flatMap((fingerprint) => {
    const state = readEscalation(store, fingerprint);
    const alert = store.getAlert(fingerprint);
    if (!state || !alert || alert.status !== 'firing' || state.stoppedBy !== null) return [];
    const policy = policies.find((p) => p.name === state.policy);
    const next = policy?.steps[state.done];
    const nextAt = next ? formatLocal(state.firedAt + next.dueAfterFiringMs, tz) : 'none (all steps sent)';
    return [{ cells: [alert.summary || alert.ruleId, `${state.done} of ${policy?.steps.length ?? '?'}`, nextAt], severity: alert.severity }];
  });
}

function formatPerson(person: Person): string {
  const chat = [person.slack ? `slack:${person.slack}` : '', person.discord ? `discord:${person.discord}` : ''].filter(Boolean);
  return `${person.name} <${person.email}>${chat.length > 0 ? ` (${chat.join(', ')})` : ''}`;
}

function formatAssignment(assignment: Assignment | undefined, tz: string): string {
  if (!assignment) return 'nobody';
  const until = Number.isFinite(assignment.until) ? ` until ${when(assignment.until, tz)}` : '';
  return `${formatPerson(assignment.person)}${assignment.via === 'override' ? ' (override)' : ''}${until}`;
}

/** With the weekday: rotations are weekly, so the day is what people look for. */
function when(epochMs: number, tz: string): string {
  return formatLocal(epochMs, tz, { weekday: true });
}
