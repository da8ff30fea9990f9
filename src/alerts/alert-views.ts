import { formatDuration } from '../config/duration.js';
import { SEVERITY_RANK, type Report, type Section, type Severity, type TableRow } from '../reports/report.js';
import type { Rule } from '../rules/rule.js';
import { runbookExcerpt } from '../rules/runbooks.js';
import { formatValue } from '../rules/template.js';
import type { AckRecord, AlertRecord, SilenceRecord } from '../store/store.js';
import { describeTarget, shortId } from './fingerprint.js';
import { alertNotes, silenceCommand, sinceText } from './alert-text.js';
import { formatMatchers, silenceMatches } from './silences.js';

export interface AlertsViewInput {
  alerts: readonly AlertRecord[];
  acks: readonly AckRecord[];
  silences: readonly SilenceRecord[];
  now: number;
}

/** `alerts`: firing and pending alerts, worst first, with age and ack/silence/flapping state. */
export function buildAlertsReport(input: AlertsViewInput): Report {
  const { now } = input;
  const acks = new Map(input.acks.map((ack) => [ack.fingerprint, ack]));
  const active = input.alerts
    .filter((alert) => alert.status !== 'resolved' || alert.flapping)
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || statusRank(a) - statusRank(b) || a.startsAt - b.startsAt);
  const firing = active.filter((alert) => alert.status === 'firing');
  const pending = active.filter((alert) => alert.status === 'pending');
  const rows: TableRow[] = active.map((alert) => ({
    cells: [
      shortId(alert.fingerprint),
      alert.severity,
      alert.status,
      alert.summary,
      formatDuration(Math.max(0, now - (alert.status === 'firing' ? (alert.firedAt ?? alert.startsAt) : alert.startsAt))),
      alertNotes(alert, acks, input.silences, now),
    ],
    severity: alert.status === 'firing' ? alert.severity : 'info',
  }));
  const worst: Severity = firing.some((a) => a.severity === 'critical') ? 'critical' : firing.some((a) => a.severity === 'warning') ? 'warning' : firing.length > 0 ? 'info' : 'ok';
  // With nothing to list, the summary says it all.
  const sections: Section[] =
    rows.length === 0
      ? []
      : [
          {
            blocks: [
              {
                kind: 'table',
                columns: [{ label: 'id' }, { label: 'severity' }, { label: 'state' }, { label: 'what' }, { label: 'age', align: 'right' }, { label: 'notes' }],
                rows,
              },
            ],
          },
        ];
  return {
    title: 'Alerts',
    severity: worst,
    summary: rows.length === 0 ? 'Nothing is firing or pending.' : `${firing.length} firing, ${pending.length} pending`,
    sections,
    footnotes: rows.length === 0 ? undefined : ['ack <id> stops reminders and escalation; silence <id> 1h "<reason>" mutes; alerts <id> shows one.'],
    generatedAt: now,
  };
}

function statusRank(alert: AlertRecord): number {
  return alert.status === 'firing' ? 0 : alert.status === 'pending' ? 1 : 2;
}

/** `alerts <id>`: one alert in full, with its runbook. */
export function buildAlertDetailReport(alert: AlertRecord, rule: Rule | undefined, input: AlertsViewInput): Report {
  const acks = new Map(input.acks.map((ack) => [ack.fingerprint, ack]));
  const notes = alertNotes(alert, acks, input.silences, input.now);
  const fields = [
    { label: 'Rule', value: alert.ruleId },
    { label: 'State', value: alert.status + (notes ? ` (${notes})` : '') },
    { label: 'Since', value: sinceText(alert, input.now) },
    { label: 'Value', value: alert.value === null ? '—' : formatValue(alert.value) },
    { label: 'Labels', value: describeTarget(alert.labels) || '—' },
    { label: 'Alert id', value: alert.fingerprint },
  ];
  if (rule !== undefined) fields.push({ label: 'Condition', value: `${rule.metric} ${rule.comparator} ${formatValue(rule.threshold)} for ${rule.for > 0 ? formatDuration(rule.for) : '0s'}` });
  const sections: Section[] = [{ blocks: [{ kind: 'fields', fields }] }];
  if (rule !== undefined && rule.runbook !== '') sections.push({ title: 'Runbook', blocks: [{ kind: 'text', text: runbookExcerpt(rule.runbook, 3, 600) }] });
  const id = shortId(alert.fingerprint);
  return {
    title: `${alert.severity.toUpperCase()}: ${alert.summary}`,
    severity: alert.status === 'firing' ? alert.severity : 'info',
    summary: alert.summary,
    sections,
    actions: [
      { id: 'ack', label: 'Acknowledge', style: 'primary', command: `ack ${id}` },
      { id: 'silence', label: 'Silence 1h', command: silenceCommand(id) },
      { id: 'runbook', label: 'Runbook', command: `runbook ${alert.ruleId}` },
    ],
    generatedAt: input.now,
  };
}

/** `silences`: the active ones, with how many alerts each covers now. */
export function buildSilencesReport(silences: readonly SilenceRecord[], alerts: readonly AlertRecord[], now: number): Report {
  const active = alerts.filter((alert) => alert.status !== 'resolved');
  const rows: TableRow[] = silences.map((silence) => ({
    cells: [
      silence.id,
      formatMatchers(silence.matchers),
      silence.createdBy,
      silence.comment,
      formatDuration(Math.max(0, silence.endsAt - now)),
      String(active.filter((alert) => silenceMatches(silence, alert.labels)).length),
    ],
  }));
  return {
    title: 'Silences',
    severity: 'ok',
    summary: silences.length === 0 ? 'No active silences.' : `${silences.length} active`,
    sections:
      rows.length === 0
        ? [{ blocks: [{ kind: 'text', text: 'No active silences.' }] }]
        : [
            {
              blocks: [
                {
                  kind: 'table',
                  columns: [{ label: 'id' }, { label: 'matches' }, { label: 'by' }, { label: 'reason' }, { label: 'ends in', align: 'right' }, { label: 'alerts', align: 'right' }],
                  rows,
                },
              ],
            },
          ],
    footnotes: rows.length === 0 ? undefined : ['unsilence <id> ends one now.'],
    generatedAt: now,
  };
}
