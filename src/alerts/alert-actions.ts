import { randomBytes } from 'node:crypto';
import { formatDuration } from '../config/duration.js';
import type { Config } from '../config/load-config.js';
import { suggest } from '../dispatch/suggest.js';
import { UserError } from '../errors.js';
import type { Report, TableRow } from '../reports/report.js';
import { buildRules } from '../rules/build-rules.js';
import type { Rule } from '../rules/rule.js';
import { RUNBOOKS, runbookTopics } from '../rules/runbooks.js';
import type { AlertRecord, SilenceRecord, Store } from '../store/store.js';
import { buildAlertDetailReport, buildAlertsReport } from './alert-views.js';
import { describeTarget, shortId } from './fingerprint.js';
import { findOneAlert, matchAlerts, notFound } from './lookup.js';
import { formatMatchers, matchersForAlert, parseMatchers, silenceMatches } from './silences.js';

/** Who did it and when, for acks, silences and the audit log. */
export interface Actor {
  /** `slack:U0123`, `cli:alice`. */
  id: string;
  now: number;
}

function activeAlerts(store: Store): AlertRecord[] {
  return store.listAlerts().filter((alert) => alert.status !== 'resolved');
}

/** `alerts [id]`. */
export function showAlerts(store: Store, config: Config, now: number, query?: string | undefined): Report {
  const input = { alerts: store.listAlerts(), acks: store.listAcks(), silences: store.listActiveSilences(now), now };
  if (query === undefined) return buildAlertsReport(input);
  // Active alerts first: a rule id should name the alert that fires now, not last week's resolved ones.
  const active = input.alerts.filter((alert) => alert.status !== 'resolved');
  const alert = findOneAlert(matchAlerts(active, query).length > 0 ? active : input.alerts, query, 'alerts');
  return buildAlertDetailReport(alert, buildRules(config).find((rule) => rule.id === alert.ruleId), input);
}

/**
 * `ack <alert> [--all] [--note …]`: records who acknowledged which firing; reminders and escalation stop for it,
 * and it stays listed in `alerts`. A rule id acknowledges its one alert, or all of them with `all`.
 */
export function acknowledge(store: Store, query: string, options: { all: boolean; note: string }, actor: Actor): Report {
  const active = activeAlerts(store);
  const matched = options.all ? matchAlerts(active, query) : [findOneAlert(active, query, 'ack')];
  if (matched.length === 0) throw notFound(active, query);
  const rows: TableRow[] = [];
  let fresh = 0;
  for (const alert of matched) {
    const previous = store.getAck(alert.fingerprint);
    if (previous !== undefined) {
      rows.push({ cells: [shortId(alert.fingerprint), alert.summary, `already acknowledged by ${previous.by}`] });
      continue;
    }
    store.transaction(() => {
      store.putAck({ fingerprint: alert.fingerprint, by: actor.id, at: actor.now, note: options.note });
      store.appendAudit({
        at: actor.now,
        actor: actor.id,
        action: 'ack',
        target: alert.fingerprint,
        outcome: 'ok',
        detail: { rule: alert.ruleId, summary: alert.summary, status: alert.status, note: options.note },
      });
    });
    fresh++;
    rows.push({ cells: [shortId(alert.fingerprint), alert.summary, 'acknowledged'] });
  }
  return {
    title: fresh === 0 ? 'Already acknowledged' : `Acknowledged ${fresh} alert${fresh === 1 ? '' : 's'}`,
    severity: 'ok',
    summary: `${fresh} acknowledged by ${actor.id}; reminders and escalation stop, the alert stays listed until it resolves`,
    sections: [{ blocks: [{ kind: 'table', columns: [{ label: 'id' }, { label: 'what' }, { label: 'result' }], rows }] }],
    generatedAt: actor.now,
  };
}

/**
 * `silence <matcher> <duration> <reason>`: `key=value[,key=value]` (`rule=` is the rule id), an alert id, or a
 * rule id (every alert of the rule). Mutes notifications until it ends; audited.
 */
export function createSilence(
  store: Store,
  input: { matcher: string; durationMs: number; reason: string; maxMs: number },
  actor: Actor,
): Report {
  if (input.durationMs > input.maxMs) {
    throw new UserError('bad_option', `silence: ${formatSpan(input.durationMs)} is longer than the longest silence allowed (${formatSpan(input.maxMs)})`, {
      hint: 'alerting.maxSilence in cinemata-ops.yaml sets the limit',
    });
  }
  const reason = input.reason.trim();
  if (reason === '') throw new UserError('missing_argument', 'silence: say why (the reason is shown to everyone who sees the alert)', { hint: 'e.g. silence mount=/data 2h "resizing the volume"' });
  const matchers = matchersFrom(store, input.matcher);
  const silence: SilenceRecord = {
    id: randomBytes(4).toString('hex'),
    matchers,
    createdBy: actor.id,
    comment: reason,
    startsAt: actor.now,
    endsAt: actor.now + input.durationMs,
  };
  const covered = activeAlerts(store).filter((alert) => silenceMatches(silence, alert.labels));
  store.transaction(() => {
    store.addSilence(silence);
    store.appendAudit({
      at: actor.now,
      actor: actor.id,
      action: 'silence',
      target: formatMatchers(matchers),
      outcome: 'ok',
      detail: { id: silence.id, matchers, endsAt: silence.endsAt, reason, alerts: covered.map((alert) => alert.fingerprint) },
    });
  });
  const until = new Date(silence.endsAt).toISOString().replace('T', ' ').slice(0, 16);
  return {
    title: `Silenced ${formatMatchers(matchers)} for ${formatSpan(input.durationMs)}`,
    severity: 'ok',
    summary: `silence ${silence.id} until ${until} UTC: ${reason}`,
    sections: [
      {
        blocks: [
          {
            kind: 'fields',
            fields: [
              { label: 'Silence id', value: silence.id },
              { label: 'Matches', value: formatMatchers(matchers) },
              { label: 'Until', value: `${until} UTC` },
              { label: 'By', value: actor.id },
              { label: 'Reason', value: reason },
            ],
          },
          covered.length === 0
            ? { kind: 'text', text: 'No active alert matches it now; it will mute matching alerts that start before it ends.' }
            : { kind: 'list', items: covered.slice(0, 20).map((alert) => ({ text: `${shortId(alert.fingerprint)} ${alert.summary}` })) },
        ],
      },
    ],
    actions: [{ id: 'unsilence', label: 'Unsilence', command: `unsilence ${silence.id}` }],
    generatedAt: actor.now,
  };
}

/** Days rather than weeks: people write silences as 30d, not 4.3w. */
function formatSpan(ms: number): string {
  return ms >= 86_400_000 ? `${Number((ms / 86_400_000).toFixed(1))}d` : formatDuration(ms);
}

function matchersFrom(store: Store, text: string): Record<string, string> {
  if (text.includes('=')) {
    const parsed = parseMatchers(text);
    if (!parsed.ok) {
      throw new UserError('bad_option', `silence: bad matcher "${text}": ${parsed.problem}`, { hint: 'write key=value[,key=value], e.g. mount=/data or rule=disk-warning,mount=/' });
    }
    return parsed.matchers;
  }
  const active = activeAlerts(store);
  const found = matchAlerts(active, text);
  if (found.length === 0) {
    const error = notFound(active, text);
    throw new UserError('not_found', `silence: ${error.message}`, { hint: `${error.hint ?? ''}; or write key=value, e.g. mount=/data` });
  }
  // One alert: exactly its labels. A rule id with several alerts: the whole rule.
  return found.length === 1 ? matchersForAlert(found[0] as AlertRecord) : { alertname: (found[0] as AlertRecord).ruleId };
}

/** `unsilence <id>`: ends an active silence now (a prefix of its id will do when unique). */
export function endSilence(store: Store, query: string, actor: Actor): Report {
  const active = store.listActiveSilences(actor.now);
  const found = active.filter((silence) => silence.id.startsWith(query.trim().toLowerCase()));
  if (found.length !== 1) {
    if (found.length > 1) throw new UserError('bad_option', `"${query}" matches ${found.length} silences: ${found.map((s) => s.id).join(', ')}`, { hint: 'give more of the id' });
    const close = suggest(query, active.map((silence) => silence.id));
    throw new UserError('not_found', `no active silence "${query}"`, { hint: close !== undefined ? `did you mean "${close}"?` : 'see them with: silences' });
  }
  const silence = found[0] as SilenceRecord;
  store.transaction(() => {
    store.expireSilence(silence.id, actor.now);
    store.appendAudit({ at: actor.now, actor: actor.id, action: 'unsilence', target: silence.id, outcome: 'ok', detail: { matchers: silence.matchers, reason: silence.comment } });
  });
  return {
    title: `Silence ${silence.id} ended`,
    severity: 'ok',
    summary: `${formatMatchers(silence.matchers)} is no longer silenced; matching alerts notify again from the next round`,
    sections: [],
    generatedAt: actor.now,
  };
}

/**
 * `runbook <alert|rule|topic>`: a topic (`celery`, `rollback`, `disk` …), a rule id, or an alert id. Without an
 * argument, lists the topics and rules.
 */
export function showRunbook(store: Store, config: Config, now: number, query?: string | undefined): Report {
  const rules = buildRules(config);
  if (query === undefined) {
    return {
      title: 'Runbooks',
      severity: 'ok',
      sections: [
        { title: 'Topics', blocks: [{ kind: 'list', items: runbookTopics().map((topic) => ({ text: `${topic}: ${RUNBOOKS[topic]?.title ?? ''}` })) }] },
        { title: 'Rules', blocks: [{ kind: 'text', text: rules.map((rule) => rule.id).join(', ') }] },
      ],
      footnotes: ['runbook <topic|rule|alert id>'],
      generatedAt: now,
    };
  }
  const q = query.trim().toLowerCase();
  const topic = Object.hasOwn(RUNBOOKS, q) ? RUNBOOKS[q] : undefined;
  if (topic !== undefined) {
    const related = rules.filter((rule) => rule.topics.includes(q)).map((rule) => rule.id);
    return runbookReport(topic.title, topic.text, related, now);
  }
  const rule = rules.find((r) => r.id === q);
  if (rule !== undefined) return runbookReport(`${rule.id}: ${rule.summary}`, rule.runbook, [], now, rule);
  const alerts = store.listAlerts();
  const found = /^[0-9a-f]{4,16}$/.test(q) ? alerts.filter((alert) => alert.fingerprint.startsWith(q)) : [];
  const alert = found.length === 1 ? found[0] : undefined;
  const alertRule = alert === undefined ? undefined : rules.find((r) => r.id === alert.ruleId);
  if (alert !== undefined && alertRule !== undefined) {
    return runbookReport(`${alert.summary} (${describeTarget(alert.labels) || alert.ruleId})`, alertRule.runbook, [], now, alertRule);
  }
  const close = suggest(q, [...runbookTopics(), ...rules.map((r) => r.id)]);
  throw new UserError('not_found', `no runbook for "${query}"`, {
    hint: close !== undefined ? `did you mean "${close}"?` : `topics: ${runbookTopics().join(', ')}`,
  });
}

function runbookReport(title: string, text: string, related: string[], now: number, rule?: Rule | undefined): Report {
  const report: Report = {
    title: `Runbook: ${title}`,
    severity: 'ok',
    sections: [{ blocks: [{ kind: 'text', text }] }],
    generatedAt: now,
  };
  if (related.length > 0) report.footnotes = [`Rules: ${related.join(', ')}`];
  if (rule !== undefined) report.footnotes = [`Rule: ${rule.metric} ${rule.comparator} ${rule.threshold} for ${rule.for > 0 ? formatDuration(rule.for) : '0s'} (${rule.severity}); topics: ${rule.topics.join(', ') || '—'}`];
  return report;
}
