import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { MetricHistory } from '../history/metric-history.js';
import type { ProbeStatus, Sample } from '../probes/probe.js';
import { SEVERITY_RANK, type Report } from '../reports/report.js';
import { catalogueEntry } from '../rules/catalogue.js';
import { alertLabels, evaluateRules, summarize, type MetricView, type SeriesReading } from '../rules/evaluate.js';
import type { AlertSeverity, Rule } from '../rules/rule.js';
import type { AckRecord, AlertRecord, AlertStatus, Json, SilenceRecord, Store } from '../store/store.js';
import { alertFingerprint, describeTarget } from './fingerprint.js';
import { afterFlush, flushKind, groupOf, groupsFromJson, groupsToJson, newGroup, type GroupState } from './grouping.js';
import { computeInhibitions } from './inhibition.js';
import { continueAlert, endAlert, isActive, openAlert, owedNotice, settlesQuietly, updateFlapping, type AlertIdentity } from './lifecycle.js';
import { buildNotification, buildOverview, type NotificationPart } from './notification-report.js';
import { createSeriesIndex } from './series-index.js';
import type { AlertSettings } from './settings.js';
import { silenceFor } from './silences.js';

export interface AlertEngineOptions {
  store: Store;
  rules: readonly Rule[];
  settings: AlertSettings;
  /** Outbox targets (`slack:C0123`, `console`, …) for a severity. */
  route(severity: AlertSeverity): readonly string[];
  now(): number;
  log: Logger;
  /** For rules on trends (increase, predict); without it those rules never raise. */
  history?: Pick<MetricHistory, 'range'> | undefined;
  /** The probe runner's statuses: the synthetic `probe_up{probe}` series, and which probes are blind. */
  probeStatuses?: (() => readonly ProbeStatus[]) | undefined;
  /** With several instances on one store, only the holder of the `alerts` lease evaluates. */
  instance?: string | undefined;
  /** Lease length in ms. Default: three evaluation intervals, at least a minute. */
  leaseMs?: number | undefined;
}

export interface AlertChange {
  fingerprint: string;
  ruleId: string;
  from: AlertStatus | 'none';
  to: AlertStatus;
}

export interface EvaluationResult {
  /** False when another instance holds the lease; nothing was done. */
  leader: boolean;
  /** Whether rules were evaluated this call (they are at most once per evaluation interval). */
  evaluated: boolean;
  changes: AlertChange[];
  /** Outbox messages queued. */
  messages: number;
  /** Set when the decisions could not be persisted; nothing of this round was kept, the next round decides again. */
  error?: string | undefined;
}

/**
 * Owns alert state: evaluates the rules over the latest samples, moves alerts through pending → firing →
 * resolved, mutes (silences, inhibition, flapping), groups notifications with Alertmanager's timers, and queues
 * them in the persisted outbox. Every round's decisions (alert records, group timers, outbox messages) are written
 * in one store transaction, so a crash before it loses nothing (the next round decides the same again) and a
 * crash after it repeats nothing (the store remembers what was decided; the outbox delivers it).
 */
export interface AlertEngine {
  /** Replaces what a probe reported (wire to the probe runner's onRun). */
  observe(probeId: string, samples: readonly Sample[]): void;
  /** One round at now(): evaluates when due, flushes due groups, persists and queues. Synchronous. */
  evaluate(): EvaluationResult;
  readonly rules: readonly Rule[];
  /** The alerts this engine holds (active, and resolved ones with something still owed), for tests and status. */
  snapshot(): AlertRecord[];
}

const GROUPS_KEY = 'alerts:groups';
const LEASE = 'alerts';
/** Value-only changes (the same state, a new reading) are written at most this often per alert. */
const VALUE_WRITE_MS = 60_000;
/** History reads for trends are reused this long: a 6-hour fit does not move in 15 seconds. */
const RANGE_CACHE_MS = 60_000;
const HOUSEKEEPING_MS = 3_600_000;
/** Ticks arrive a little early or late; an evaluation this close to due counts as due. */
const EVALUATION_SLACK_MS = 1_000;

interface OutgoingMessage {
  target: string;
  report: Report;
  dedupKey: string;
}

export function createAlertEngine(options: AlertEngineOptions): AlertEngine {
  const { store, settings, rules } = options;
  const log = options.log.child({ component: 'alerts' });
  const rulesById = new Map(rules.map((rule) => [rule.id, rule]));
  const index = createSeriesIndex();
  const leaseMs = options.leaseMs ?? Math.max(60_000, settings.evaluationInterval * 3);
  const timers = { groupWait: settings.groupWait, groupInterval: settings.groupInterval, repeatInterval: settings.repeatInterval };

  const rangeCache = new Map<string, { at: number; points: ReadonlyArray<readonly [number, number]> }>();
  const view: MetricView = {
    series: (metric) => index.series(metric),
    range(key, from, to) {
      if (options.history === undefined) return [];
      const cacheKey = `${key}\u0000${to - from}`;
      const hit = rangeCache.get(cacheKey);
      if (hit !== undefined && to - hit.at < RANGE_CACHE_MS && to >= hit.at) return hit.points;
      const points = options.history.range(key, from, to);
      rangeCache.set(cacheKey, { at: to, points });
      return points;
    },
  };

  let alerts = new Map<string, AlertRecord>();
  let groups = new Map<string, GroupState>();
  let loaded = false;
  let lastEvaluatedAt: number | undefined;
  let lastHousekeepingAt: number | undefined;
  const persistedAt = new Map<string, number>();
  const identities = new Map<string, AlertIdentity>();

  function load(now: number): void {
    alerts = new Map();
    for (const alert of store.listAlerts()) {
      if (isActive(alert) || hasWork(alert, now)) alerts.set(alert.fingerprint, alert);
    }
    groups = groupsFromJson(store.getState<Json>(GROUPS_KEY));
    persistedAt.clear();
    loaded = true;
    log.info({ alerts: alerts.size, groups: groups.size }, 'alert state loaded');
  }

  /** A resolved alert the engine must still keep in mind: flapping history, or a notice still owed. */
  function hasWork(alert: AlertRecord, now: number): boolean {
    if (alert.flapping || alert.notifiedState === 'firing' || alert.notifiedState === 'flapping') return true;
    return (alert.transitions ?? []).some((at) => at > now - settings.flapping.window);
  }

  function identify(rule: Rule, reading: SeriesReading): AlertIdentity {
    const cacheKey = `${rule.id}\u0000${reading.key}`;
    let identity = identities.get(cacheKey);
    if (identity === undefined) {
      const labels = alertLabels(rule, reading);
      identity = { fingerprint: alertFingerprint(rule.id, labels), ruleId: rule.id, severity: rule.severity, labels };
      identities.set(cacheKey, identity);
    }
    return identity;
  }

  /**
   * Alerts whose series are missing because the bot cannot see them: their probe fails, or has not reported
   * since this process started. A probe that no longer runs at all (taken out of the config) holds nothing.
   */
  function isHeld(alert: AlertRecord, statuses: ReadonlyMap<string, ProbeStatus>): boolean {
    const rule = rulesById.get(alert.ruleId);
    if (rule === undefined) return false;
    const probe = catalogueEntry(rule.metric)?.probe;
    if (probe === undefined || probe === 'bot') return false;
    if (statuses.size === 0) return !index.hasReported(probe);
    const status = statuses.get(probe);
    return status !== undefined && (!status.ok || !index.hasReported(probe));
  }

  function evaluate(): EvaluationResult {
    const now = options.now();
    if (options.instance !== undefined && !store.tryLease(LEASE, options.instance, now, now + leaseMs)) {
      // Another instance decides; when this one takes over it starts from what that one stored.
      loaded = false;
      return { leader: false, evaluated: false, changes: [], messages: 0 };
    }
    if (!loaded) load(now);
    const working = new Map(alerts);
    const before = new Map([...alerts].map(([fp, alert]) => [fp, alert]));
    const changes: AlertChange[] = [];
    const dirty = new Set<string>();
    const put = (next: AlertRecord) => {
      const previous = working.get(next.fingerprint);
      if (previous === next) return;
      working.set(next.fingerprint, next);
      if (previous?.status !== next.status) changes.push({ fingerprint: next.fingerprint, ruleId: next.ruleId, from: previous?.status ?? 'none', to: next.status });
    };

    const due = lastEvaluatedAt === undefined || now - lastEvaluatedAt + EVALUATION_SLACK_MS >= settings.evaluationInterval;
    if (due) evaluateRulesInto(now, working, put);

    const silences = store.listActiveSilences(now);
    const acks = new Map(store.listAcks().map((ack) => [ack.fingerprint, ack]));
    for (const alert of [...working.values()]) put(updateFlapping(alert, now, settings.flapping));
    applyMutes(working, silences, put);
    const messages = flush(now, working, silences, acks, put);

    // What to write: every alert whose state, muting or notification changed; value-only changes now and then.
    for (const [fp, alert] of working) {
      const previous = before.get(fp);
      if (previous === alert) continue;
      if (previous === undefined || materialChange(previous, alert) || now - (persistedAt.get(fp) ?? 0) >= VALUE_WRITE_MS) dirty.add(fp);
    }
    const ended = changes.filter((change) => change.to === 'resolved').map((change) => change.fingerprint);
    const nextGroups = groups;
    try {
      store.transaction(() => {
        for (const fp of dirty) {
          const alert = working.get(fp) as AlertRecord;
          const written = { ...alert, updatedAt: now };
          working.set(fp, written);
          store.upsertAlert(written);
        }
        // An ack belongs to one firing; the next firing of the same alert starts unacknowledged.
        for (const fp of ended) store.deleteAck(fp);
        if (groupsChanged) store.setState(GROUPS_KEY, groupsToJson(nextGroups));
        for (const message of messages) {
          store.enqueueOutbox({ target: message.target, payload: { kind: 'report', report: message.report as unknown as Json, source: 'alerts' }, dedupKey: message.dedupKey }, now);
        }
      });
    } catch (error) {
      // Nothing of this round was kept: start the next one from the store, which decides the same again.
      loaded = false;
      groupsChanged = false;
      log.error({ err: error }, 'could not persist alert decisions; the next round decides again');
      return { leader: true, evaluated: due, changes: [], messages: 0, error: String(error) };
    }
    groupsChanged = false;
    if (due) lastEvaluatedAt = now;
    for (const fp of dirty) persistedAt.set(fp, now);
    for (const [fp, alert] of working) {
      if (!isActive(alert) && !hasWork(alert, now)) {
        working.delete(fp);
        persistedAt.delete(fp);
      }
    }
    alerts = working;
    for (const change of changes) log.info(change, `alert ${change.ruleId} ${change.from} → ${change.to}`);
    if (messages.length > 0) log.info({ messages: messages.length }, 'alert notifications queued');
    housekeeping(now);
    return { leader: true, evaluated: due, changes, messages: messages.length };
  }

  function evaluateRulesInto(now: number, working: Map<string, AlertRecord>, put: (alert: AlertRecord) => void): void {
    const statuses = new Map((options.probeStatuses?.() ?? []).map((status) => [status.id, status]));
    index.setProbeStatuses([...statuses.values()]);
    const seen = new Set<string>();
    for (const outcome of evaluateRules(rules, view, now)) {
      const identity = identify(outcome.rule, outcome.reading);
      const existing = working.get(identity.fingerprint);
      const active = existing !== undefined && isActive(existing) ? existing : undefined;
      if (active === undefined && !outcome.raised) continue;
      seen.add(identity.fingerprint);
      const reading = { value: outcome.value, summary: summarize(outcome, identity.labels) };
      put(active !== undefined ? continueAlert(active, outcome, reading, now, outcome.rule.for) : openAlert(identity, existing, reading, now, outcome.rule.for));
    }
    for (const alert of [...working.values()]) {
      if (!isActive(alert) || seen.has(alert.fingerprint)) continue;
      // A rule removed from the config resolves its alerts; a blind probe holds them as they are.
      if (rulesById.has(alert.ruleId) && isHeld(alert, statuses)) continue;
      put(endAlert(alert, now));
    }
  }

  function applyMutes(working: Map<string, AlertRecord>, silences: readonly SilenceRecord[], put: (alert: AlertRecord) => void): void {
    const inhibited = computeInhibitions(settings.inhibit, [...working.values()].filter(isActive));
    for (const alert of [...working.values()]) {
      const silence = silenceFor(alert, silences);
      const source = inhibited.get(alert.fingerprint);
      const mutedBy = silence !== undefined ? `silence:${silence.id}` : source !== undefined ? `inhibited:${source}` : undefined;
      if (mutedBy === alert.mutedBy) continue;
      const next = { ...alert };
      if (mutedBy === undefined) delete next.mutedBy;
      else next.mutedBy = mutedBy;
      put(next);
    }
  }

  let groupsChanged = false;

  function flush(
    now: number,
    working: Map<string, AlertRecord>,
    silences: readonly SilenceRecord[],
    acks: ReadonlyMap<string, AckRecord>,
    put: (alert: AlertRecord) => void,
  ): OutgoingMessage[] {
    const muted = (alert: AlertRecord) => (alert.status === 'resolved' ? silenceFor(alert, silences) !== undefined : alert.mutedBy !== undefined);
    const members = new Map<string, AlertRecord[]>();
    for (const alert of [...working.values()]) {
      if (settlesQuietly(alert, muted(alert), settings.resolveNotices)) {
        put({ ...alert, notifiedState: 'resolved' });
        continue;
      }
      const owed = owedNotice(alert, muted(alert), settings.resolveNotices);
      // A flapping alert keeps its group (and the group's wait) alive between its firings.
      if (!isActive(alert) && !alert.flapping && (owed === undefined || owed === alert.notifiedState)) continue;
      const { key, labels } = groupOf(alert, settings.groupBy);
      let list = members.get(key);
      if (list === undefined) members.set(key, (list = []));
      list.push(alert);
      if (!groups.has(key)) {
        groups.set(key, newGroup(key, labels, Math.min(now, alert.startsAt), timers));
        groupsChanged = true;
      }
    }
    for (const key of [...groups.keys()]) {
      if (!members.has(key)) {
        groups.delete(key);
        groupsChanged = true;
      }
    }

    const parts: NotificationPart[] = [];
    for (const [key, list] of members) {
      const group = groups.get(key) as GroupState;
      const owedOf = (alert: AlertRecord) => owedNotice(alert, muted(alert), settings.resolveNotices);
      const changed = list.filter((alert) => {
        const owed = owedOf(alert);
        return owed !== undefined && owed !== alert.notifiedState;
      });
      const reminders = list.filter((alert) => alert.status === 'firing' && !muted(alert) && !alert.flapping && !acks.has(alert.fingerprint));
      const kind = flushKind(group, now, timers, changed.length > 0, reminders.length > 0);
      const next = afterFlush(group, now, timers, kind !== undefined);
      if (next !== group) {
        groups.set(key, next);
        groupsChanged = true;
      }
      if (kind === undefined) continue;
      const byTime = (a: AlertRecord, b: AlertRecord) =>
        (a.firedAt ?? a.startsAt) - (b.firedAt ?? b.startsAt) || describeTarget(a.labels).localeCompare(describeTarget(b.labels)) || a.fingerprint.localeCompare(b.fingerprint);
      const part: NotificationPart =
        kind === 'notify'
          ? {
              group: next,
              kind,
              severity: list[0]?.severity ?? 'warning',
              firing: list.filter((alert) => alert.status === 'firing' && !muted(alert) && !alert.flapping).sort(byTime),
              resolved: changed.filter((alert) => owedOf(alert) === 'resolved').sort(byTime),
              flapping: changed.filter((alert) => owedOf(alert) === 'flapping').sort(byTime),
            }
          : { group: next, kind, severity: list[0]?.severity ?? 'warning', firing: reminders.sort(byTime), resolved: [], flapping: [] };
      for (const alert of [...part.firing, ...part.resolved, ...part.flapping]) {
        put({ ...alert, lastNotifiedAt: now, notifiedState: owedOf(alert) ?? alert.notifiedState ?? 'firing' });
      }
      parts.push(part);
    }
    return messagesFor(parts, now, acks);
  }

  function messagesFor(parts: NotificationPart[], now: number, acks: ReadonlyMap<string, AckRecord>): OutgoingMessage[] {
    const context = { now, rules: rulesById, acks, maxAlerts: settings.maxAlertsPerMessage, flappingWindow: settings.flapping.window };
    const byTarget = new Map<string, NotificationPart[]>();
    for (const part of parts) {
      for (const target of options.route(part.severity)) {
        let list = byTarget.get(target);
        if (list === undefined) byTarget.set(target, (list = []));
        list.push(part);
      }
    }
    const reports = new Map<NotificationPart, Report>();
    const reportOf = (part: NotificationPart) => {
      let report = reports.get(part);
      if (report === undefined) reports.set(part, (report = buildNotification(part, context)));
      return report;
    };
    const messages: OutgoingMessage[] = [];
    for (const [target, list] of byTarget) {
      // A storm: the worst groups get their own message, the rest are folded into one overview.
      const ordered = [...list].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.firing.length - a.firing.length || a.group.key.localeCompare(b.group.key));
      const own = ordered.length > settings.maxMessagesPerRound ? ordered.slice(0, settings.maxMessagesPerRound - 1) : ordered;
      for (const part of own) messages.push({ target, report: reportOf(part), dedupKey: `alerts:${part.group.key}:${part.group.seq}:${target}` });
      const rest = ordered.slice(own.length);
      if (rest.length > 0) {
        const digest = createHash('sha256').update(rest.map((part) => `${part.group.key}:${part.group.seq}`).join('\n')).digest('hex').slice(0, 16);
        messages.push({ target, report: buildOverview(rest, now), dedupKey: `alerts:overview:${digest}:${target}` });
      }
    }
    return messages;
  }

  function housekeeping(now: number): void {
    if (lastHousekeepingAt !== undefined && now - lastHousekeepingAt < HOUSEKEEPING_MS) return;
    lastHousekeepingAt = now;
    try {
      const pruned = store.pruneResolvedAlerts(now - settings.retention);
      store.pruneOutboxKeys(now - settings.retention);
      if (pruned > 0) log.info({ pruned }, 'old resolved alerts pruned');
    } catch (error) {
      log.warn({ err: error }, 'alert housekeeping failed; will retry in an hour');
    }
    for (const [key, hit] of rangeCache) if (now - hit.at >= RANGE_CACHE_MS) rangeCache.delete(key);
    // Identities of series that come and go would pile up; they are cheap to compute again.
    if (identities.size > 50_000) identities.clear();
  }

  return {
    observe: (probeId, samples) => index.observe(probeId, samples),
    evaluate,
    rules,
    snapshot: () => [...alerts.values()].map((alert) => ({ ...alert })),
  };
}

function materialChange(a: AlertRecord, b: AlertRecord): boolean {
  return (
    a.status !== b.status ||
    a.mutedBy !== b.mutedBy ||
    a.flapping !== b.flapping ||
    a.notifiedState !== b.notifiedState ||
    a.lastNotifiedAt !== b.lastNotifiedAt ||
    a.startsAt !== b.startsAt ||
    (a.transitions?.length ?? 0) !== (b.transitions?.length ?? 0)
  );
}
