import { formatDuration } from '../config/duration.js';
import type { Field, Report, ReportAction, Section } from '../reports/report.js';
import type { AlertRecord } from '../store/store.js';
import { formatLocal } from './zoned-time.js';

export interface EscalationMessage {
  alert: AlertRecord;
  policy: string;
  /** 1-based. */
  step: number;
  steps: number;
  /** Why this recipient gets it, e.g. `primary on-call`, `escalation contact`, `alert channel`. */
  reason: string;
  /** When the next step is due, if there is one. */
  nextStepAt: number | undefined;
  nextStepTargets: string | undefined;
  runbook: string | undefined;
  ack: { url: string; expiresAt: number } | undefined;
  timezone: string;
  now: number;
}

/**
 * The message of one escalation step: what fired, since when, its current value, the runbook, who else is next,
 * and the acknowledge link. Title is the alert's summary, so the email subject reads
 * "[CRITICAL] disk / 96% full — cinemata-ops".
 */
export function buildEscalationReport(m: EscalationMessage): Report {
  const { alert } = m;
  const firedAt = alert.firedAt ?? alert.startsAt;
  const firingFor = formatDuration(Math.max(0, m.now - firedAt));
  const fields: Field[] = [
    { label: 'Alert', value: alert.ruleId },
    { label: 'Severity', value: alert.severity, severity: alert.severity },
    { label: 'Firing since', value: `${formatLocal(firedAt, m.timezone)} (${firingFor} ago)` },
    { label: 'Current value', value: alert.value === null ? 'unknown' : formatValue(alert.value) },
  ];
  const labels = Object.entries(alert.labels);
  if (labels.length > 0) fields.push({ label: 'Labels', value: labels.map(([k, v]) => `${k}=${v}`).join(', ') });
  fields.push({ label: 'Fingerprint', value: alert.fingerprint });

  const sections: Section[] = [{ blocks: [{ kind: 'fields', fields }] }];
  if (m.runbook !== undefined && m.runbook.trim() !== '') sections.push({ title: 'Runbook', blocks: [{ kind: 'text', text: m.runbook }] });
  const escalation = [`Step ${m.step} of ${m.steps} of policy "${m.policy}": you get this as ${m.reason}.`];
  escalation.push(
    m.nextStepAt === undefined
      ? 'This is the last step.'
      : `Unless someone acknowledges, step ${m.step + 1} notifies ${m.nextStepTargets ?? 'the next targets'} at ${formatLocal(m.nextStepAt, m.timezone)}.`,
  );
  sections.push({ title: 'Escalation', blocks: [{ kind: 'list', items: escalation.map((text) => ({ text })) }] });

  const actions: ReportAction[] = [];
  const footnotes: string[] = [];
  if (m.ack) {
    actions.push({ id: 'ack', label: 'Acknowledge', style: 'primary', url: m.ack.url });
    footnotes.push(`The acknowledge link works until ${formatLocal(m.ack.expiresAt, m.timezone)}, for this firing only.`);
  } else {
    footnotes.push('Acknowledge this alert in chat to stop the escalation.');
  }
  return {
    title: alert.summary || alert.ruleId,
    severity: alert.severity,
    summary: `Firing for ${firingFor} and not acknowledged.`,
    sections,
    actions: actions.length > 0 ? actions : undefined,
    footnotes,
    generatedAt: m.now,
  };
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(2)));
}
