import { formatDuration } from '../config/duration.js';
import type { Block, Report, ReportAction, Section, Severity, TableRow } from '../reports/report.js';
import type { Rule } from '../rules/rule.js';
import { runbookExcerpt } from '../rules/runbooks.js';
import { formatValue } from '../rules/template.js';
import type { AckRecord, AlertRecord } from '../store/store.js';
import { alertNotes, silenceCommand, sinceText } from './alert-text.js';
import { describeTarget, shortId } from './fingerprint.js';
import type { FlushKind, GroupState } from './grouping.js';

/** One group's notification, as decided: which alerts it tells about and how. */
export interface NotificationPart {
  group: GroupState;
  kind: FlushKind;
  severity: AlertRecord['severity'];
  firing: AlertRecord[];
  resolved: AlertRecord[];
  flapping: AlertRecord[];
}

export interface NotificationContext {
  now: number;
  rules: ReadonlyMap<string, Rule>;
  acks: ReadonlyMap<string, AckRecord>;
  maxAlerts: number;
  flappingWindow: number;
}

const LABEL: Record<AlertRecord['severity'], string> = { info: 'INFO', warning: 'WARNING', critical: 'CRITICAL' };

/** The platform-neutral message for one group: what fired, since when, the value, labels, runbook and buttons. */
export function buildNotification(part: NotificationPart, ctx: NotificationContext): Report {
  const { firing, resolved, flapping } = part;
  const all = [...firing, ...flapping, ...resolved];
  const first = all[0];
  const ruleIds = [...new Set(all.map((alert) => alert.ruleId))];
  const rule = ruleIds.length === 1 ? ctx.rules.get(ruleIds[0] as string) : undefined;
  const single = all.length === 1 && first !== undefined;
  const severity: Severity = firing.length + flapping.length > 0 ? part.severity : 'ok';

  const prefix =
    part.kind === 'remind'
      ? 'Still firing'
      : firing.length + flapping.length === 0
        ? 'RESOLVED'
        : firing.length === 0 && resolved.length === 0
          ? `${LABEL[part.severity]} flapping`
          : LABEL[part.severity];
  const name = single ? first.summary : `${ruleIds.join(', ')}: ${counts(part)}`;
  const sections: Section[] = [];

  if (single) {
    sections.push({ blocks: [{ kind: 'fields', fields: detailFields(first, ctx) }] });
  } else {
    if (firing.length > 0) sections.push(alertTable(`Firing (${firing.length})`, part.severity, firing, ctx));
    if (resolved.length > 0) sections.push(alertTable(`Resolved (${resolved.length})`, 'ok', resolved, ctx));
  }
  if (flapping.length > 0) {
    sections.push({
      title: `Flapping: notifications held until it settles (${flapping.length})`,
      severity: 'warning',
      blocks: [
        {
          kind: 'list',
          items: flapping.slice(0, ctx.maxAlerts).map((alert) => ({
            text: `${shortId(alert.fingerprint)} ${alert.summary}: fired and resolved ${alert.transitions?.length ?? 0} times in ${formatDuration(ctx.flappingWindow)}, now ${alert.status}`,
          })),
        },
        ...overflow(flapping, ctx.maxAlerts, 'flapping'),
      ],
    });
  }
  const runbooks = ruleIds.slice(0, 3).map((id) => ctx.rules.get(id)).filter((r): r is Rule => r !== undefined && r.runbook !== '');
  if (runbooks.length > 0 && firing.length + flapping.length > 0) {
    sections.push({
      title: 'Runbook',
      blocks: runbooks.map((r) => ({ kind: 'text' as const, text: `${runbooks.length > 1 ? `${r.id}: ` : ''}${runbookExcerpt(r.runbook)}` })),
    });
  }

  const report: Report = {
    title: `${prefix}: ${name}`,
    severity,
    summary: single ? first.summary : `${first?.summary ?? ''}${all.length > 1 ? ` (+${all.length - 1} more)` : ''}`,
    sections,
    // One conversation per episode of the group: a group that empties and fires again starts a new thread.
    threadKey: `alerts:${part.group.key}@${part.group.createdAt}`,
    generatedAt: ctx.now,
  };
  const actions = actionsFor(part, single ? first : undefined, rule, ruleIds);
  if (actions.length > 0) report.actions = actions;
  return report;
}

function counts(part: NotificationPart): string {
  const bits: string[] = [];
  if (part.firing.length > 0) bits.push(`${part.firing.length} firing`);
  if (part.flapping.length > 0) bits.push(`${part.flapping.length} flapping`);
  if (part.resolved.length > 0) bits.push(`${part.resolved.length} resolved`);
  return bits.join(', ');
}

function actionsFor(part: NotificationPart, single: AlertRecord | undefined, rule: Rule | undefined, ruleIds: string[]): ReportAction[] {
  if (part.firing.length + part.flapping.length === 0) return [];
  const actions: ReportAction[] = [];
  if (single !== undefined) {
    const id = shortId(single.fingerprint);
    actions.push({ id: 'ack', label: 'Acknowledge', style: 'primary', command: `ack ${id}` });
    actions.push({ id: 'silence', label: 'Silence 1h', command: silenceCommand(id) });
  } else if (ruleIds.length === 1) {
    actions.push({ id: 'ack', label: 'Acknowledge all', style: 'primary', command: `ack ${ruleIds[0]} --all` });
    actions.push({ id: 'silence', label: 'Silence 1h', command: silenceCommand(`rule=${ruleIds[0]}`) });
  }
  if (rule !== undefined) actions.push({ id: 'runbook', label: 'Runbook', command: `runbook ${rule.id}` });
  return actions;
}

function detailFields(alert: AlertRecord, ctx: NotificationContext) {
  const fields = [
    { label: 'Rule', value: alert.ruleId },
    { label: 'Severity', value: alert.severity, severity: alert.severity as Severity },
    { label: 'State', value: stateText(alert, ctx) },
    { label: 'Since', value: sinceText(alert, ctx.now) },
  ];
  if (alert.value !== null) fields.push({ label: 'Value', value: formatValue(alert.value) });
  const target = describeTarget(alert.labels);
  if (target !== '') fields.push({ label: 'Labels', value: target });
  fields.push({ label: 'Alert id', value: shortId(alert.fingerprint) });
  return fields;
}

function stateText(alert: AlertRecord, ctx: NotificationContext): string {
  const notes = alertNotes(alert, ctx.acks, [], ctx.now);
  return notes === '' ? alert.status : `${alert.status}, ${notes}`;
}

function alertTable(title: string, severity: Severity, alerts: AlertRecord[], ctx: NotificationContext): Section {
  const rows: TableRow[] = alerts.slice(0, ctx.maxAlerts).map((alert) => ({
    cells: [shortId(alert.fingerprint), alert.summary, formatDuration(Math.max(0, ctx.now - (alert.firedAt ?? alert.startsAt))), alert.value === null ? '' : formatValue(alert.value), stateText(alert, ctx)],
  }));
  const blocks: Block[] = [
    {
      kind: 'table',
      columns: [{ label: 'id' }, { label: 'what' }, { label: 'for', align: 'right' }, { label: 'value', align: 'right' }, { label: 'state' }],
      rows,
    },
    ...overflow(alerts, ctx.maxAlerts, title.split(' ')[0]?.toLowerCase() ?? ''),
  ];
  return { title, severity, blocks };
}

/** The alerts past the per-message limit, counted and named by target: summarised, never silently dropped. */
function overflow(alerts: AlertRecord[], max: number, what: string): Block[] {
  const rest = alerts.slice(max);
  if (rest.length === 0) return [];
  const names = rest.slice(0, 10).map((alert) => describeTarget(alert.labels) || shortId(alert.fingerprint));
  const more = rest.length > names.length ? `, … (${rest.length - names.length} more)` : '';
  return [{ kind: 'text', text: `… and ${rest.length} more ${what}: ${names.join('; ')}${more}. \`alerts\` lists every one.` }];
}

/** One message standing for the groups past the per-round limit of a channel: each named with its counts. */
export function buildOverview(parts: readonly NotificationPart[], now: number): Report {
  const severity = parts.some((p) => p.severity === 'critical' && p.firing.length > 0) ? 'critical' : parts.some((p) => p.firing.length > 0) ? 'warning' : 'ok';
  const firing = parts.reduce((n, p) => n + p.firing.length, 0);
  const rows: TableRow[] = parts.map((part) => ({
    cells: [part.severity, [...new Set([...part.firing, ...part.resolved, ...part.flapping].map((a) => a.ruleId))].join(', '), String(part.firing.length), String(part.resolved.length), String(part.flapping.length)],
    severity: part.firing.length > 0 ? part.severity : 'ok',
  }));
  return {
    title: `${parts.length} more alert groups changed (${firing} firing)`,
    severity,
    summary: `${parts.length} more alert groups changed; \`alerts\` lists them`,
    sections: [
      {
        blocks: [
          {
            kind: 'table',
            columns: [{ label: 'severity' }, { label: 'rule' }, { label: 'firing', align: 'right' }, { label: 'resolved', align: 'right' }, { label: 'flapping', align: 'right' }],
            rows,
          },
          { kind: 'text', text: 'Folded into one message to keep the channel readable during a storm. `alerts` lists every alert.' },
        ],
      },
    ],
    actions: [{ id: 'alerts', label: 'List alerts', command: 'alerts' }],
    generatedAt: now,
  };
}
