import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { Report } from '../reports/report.js';
import type { AckLinkIssuer } from '../server/ack-link.js';
import type { AlertRecord, Json, SilenceRecord, Store } from '../store/store.js';
import { buildEscalationReport } from './escalation-report.js';
import { listEscalations, readEscalation, removeEscalation, writeEscalation, type EscalationState } from './escalation-state.js';
import { matchPolicy, resolvePolicies, type EscalationPolicy } from './policy.js';
import { createRoster, type Roster } from './roster.js';
import { describeTargets, formatTarget, type EscalationTarget } from './targets.js';

export interface EscalatorDeps {
  store: Store;
  config: Pick<Config, 'oncall' | 'timezone'>;
  /**
   * Queues a message in the persisted outbox (`OutboxWorker.enqueue`), where delivery and retries happen. It must
   * write to `store`, so that a step's messages and its progress commit in one transaction.
   */
  enqueue(target: string, report: Report): number;
  log: Logger;
  now(): number;
  /** This process's name, for the lease that lets one of several instances escalate. */
  instance: string;
  /** Mints acknowledge links; without it emails ask to acknowledge in chat. */
  ackLinks?: AckLinkIssuer | undefined;
  /** The runbook text of the alert's rule. Default: the alert's `runbook` label, if any. */
  runbookFor?: ((alert: AlertRecord) => string | undefined) | undefined;
  /** Platforms with a running deliverer, to warn about targets nothing can deliver to. */
  platforms?: (() => readonly string[]) | undefined;
  /** How long the escalation lease lasts after a tick, in ms. Default 60 000. */
  leaseMs?: number | undefined;
}

export interface EscalationTickResult {
  /** False when another instance holds the lease: this one did nothing. */
  leader: boolean;
  notified: Array<{ fingerprint: string; step: number; targets: string[] }>;
  stopped: Array<{ fingerprint: string; reason: 'acknowledged' | 'resolved' }>;
}

export interface Escalator {
  /** One pass at `now()`: runs every due step of every firing, unacknowledged alert once. Synchronous: store transactions are. */
  tick(): EscalationTickResult;
  readonly policies: readonly EscalationPolicy[];
  readonly roster: Roster;
}

interface Recipient {
  /** Outbox target: `email:<address>`, `slack:<channel>`, `discord:<channel>`. */
  target: string;
  reason: string;
  email: string | undefined;
}

const LEASE = 'escalation';

/**
 * Escalates firing alerts nobody acknowledges, step by step, per policy. Reads alerts and acks from the store
 * (the alert engine writes them) and keeps its own progress there (escalation-state.ts), so a restart continues
 * where it was: each step's messages are queued and the step recorded in one store transaction, never twice,
 * never skipped (a bot that was down catches up on every step that fell due meanwhile). An ack stops the
 * escalation of that firing for good; a resolve ends it; a silenced alert waits.
 */
export function createEscalator(deps: EscalatorDeps): Escalator {
  const log = deps.log.child({ component: 'escalation' });
  const policies = resolvePolicies(deps.config.oncall);
  const roster = createRoster(deps.config.oncall, deps.config.timezone);
  const runbookFor = deps.runbookFor ?? ((alert: AlertRecord) => alert.labels['runbook']);
  warnAboutSetup();

  function warnAboutSetup(): void {
    const targets = policies.flatMap((p) => p.steps.flatMap((s) => s.targets));
    const running = new Set(deps.platforms?.() ?? ['email', 'slack', 'discord']);
    const emails = targets.some((t) => t.kind !== 'channel');
    if (emails && !running.has('email')) log.warn('escalation policies send email, but no email deliverer runs (set SMTP_URL and ALERT_EMAIL_FROM)');
    if (emails && !deps.ackLinks) log.info('escalation emails carry no acknowledge link (set CINEMATA_OPS_PUBLIC_URL and CINEMATA_OPS_ACK_SECRET)');
    for (const t of targets) {
      if (t.kind === 'channel' && !running.has(t.platform)) log.warn({ target: formatTarget(t) }, `escalation target on ${t.platform}, but no ${t.platform} adapter runs`);
    }
  }

  function audit(at: number, action: string, target: string, outcome: string, detail: Json): void {
    deps.store.appendAudit({ at, actor: 'escalation', action, target, outcome, detail });
  }

  function recipientsOf(targets: readonly EscalationTarget[], at: number): Recipient[] {
    const out = new Map<string, Recipient>();
    const add = (target: string, reason: string, email?: string) => {
      if (!out.has(target)) out.set(target, { target, reason, email });
    };
    for (const t of targets) {
      if (t.kind === 'role') {
        const who = roster.whoIs(t.role, at);
        if (who) add(`email:${who.person.email}`, `${t.role} on-call (${who.person.name})`, who.person.email);
        else log.warn({ role: t.role }, `nobody is ${t.role} on-call now`);
      } else if (t.kind === 'contacts') {
        for (const c of roster.contacts) add(`email:${c.email}`, `escalation contact (${c.name})`, c.email);
      } else if (t.kind === 'person') {
        const person = roster.findPerson(t.name);
        if (person) add(`email:${person.email}`, `named contact (${person.name})`, person.email);
      } else if (t.kind === 'email') {
        add(`email:${t.address}`, 'escalation address', t.address);
      } else {
        add(`${t.platform}:${t.id}`, 'escalation channel');
      }
    }
    return [...out.values()];
  }

  function runStep(alert: AlertRecord & { firedAt: number }, policy: EscalationPolicy, index: number, now: number): string[] {
    const step = policy.steps[index];
    if (!step) return [];
    const next = policy.steps[index + 1];
    const recipients = recipientsOf(step.targets, now);
    for (const r of recipients) {
      const report = buildEscalationReport({
        alert,
        policy: policy.name,
        step: index + 1,
        steps: policy.steps.length,
        reason: r.reason,
        nextStepAt: next ? alert.firedAt + next.dueAfterFiringMs : undefined,
        nextStepTargets: next ? describeTargets(next.targets) : undefined,
        runbook: runbookFor(alert),
        ack: r.email !== undefined ? deps.ackLinks?.linkFor(alert, r.email, now) : undefined,
        timezone: deps.config.timezone,
        now,
      });
      deps.enqueue(r.target, report);
    }
    const targets = recipients.map((r) => r.target);
    const outcome = targets.length > 0 ? 'notified' : 'no-recipients';
    audit(now, 'escalate', alert.fingerprint, outcome, { policy: policy.name, step: index + 1, of: policy.steps.length, targets });
    if (targets.length > 0) log.info({ fingerprint: alert.fingerprint, policy: policy.name, step: index + 1, targets }, 'escalation step sent');
    else log.error({ fingerprint: alert.fingerprint, policy: policy.name, step: index + 1 }, 'escalation step found nobody to notify');
    return targets;
  }

  function escalate(
    alert: AlertRecord & { firedAt: number },
    policy: EscalationPolicy,
    silences: readonly SilenceRecord[],
    now: number,
    result: EscalationTickResult,
  ): void {
    const saved = readEscalation(deps.store, alert.fingerprint);
    const fresh: EscalationState = { fingerprint: alert.fingerprint, firedAt: alert.firedAt, policy: policy.name, done: 0, stoppedBy: null, stoppedAt: null, updatedAt: now };
    let state = saved && saved.firedAt === alert.firedAt ? saved : fresh;
    if (state !== saved) writeEscalation(deps.store, state);
    if (state.stoppedBy !== null) return;
    const ack = deps.store.getAck(alert.fingerprint);
    if (ack && ack.at >= alert.startsAt) {
      writeEscalation(deps.store, { ...state, stoppedBy: ack.by, stoppedAt: ack.at, updatedAt: now });
      if (state.done < policy.steps.length) {
        audit(now, 'escalation-stopped', alert.fingerprint, 'acknowledged', { by: ack.by, stepsDone: state.done });
      }
      result.stopped.push({ fingerprint: alert.fingerprint, reason: 'acknowledged' });
      return;
    }
    // Muted by the engine (a silence, or inhibition by a worse alert) or by a silence it has not applied yet.
    if (alert.mutedBy !== undefined || silences.some((s) => isSilenced(alert, s))) return;
    for (let step = policy.steps[state.done]; step && alert.firedAt + step.dueAfterFiringMs <= now; step = policy.steps[state.done]) {
      const done = state.done + 1;
      // The step's messages (outbox rows in the same store) and its mark commit together: a crash or restart
      // can neither repeat it nor skip it.
      const targets = deps.store.transaction(() => {
        const sent = runStep(alert, policy, done - 1, now);
        writeEscalation(deps.store, { ...state, policy: policy.name, done, updatedAt: now });
        return sent;
      });
      state = { ...state, policy: policy.name, done, updatedAt: now };
      result.notified.push({ fingerprint: alert.fingerprint, step: done, targets });
    }
  }

  function tick(): EscalationTickResult {
    const now = deps.now();
    const result: EscalationTickResult = { leader: true, notified: [], stopped: [] };
    if (!deps.store.tryLease(LEASE, deps.instance, now, now + (deps.leaseMs ?? 60_000))) return { ...result, leader: false };
    const silences = deps.store.listActiveSilences(now);
    const live = new Set<string>();
    for (const alert of deps.store.listAlerts({ status: 'firing' })) {
      if (alert.firedAt === null) continue;
      const policy = matchPolicy(policies, alert);
      if (!policy) continue;
      live.add(alert.fingerprint);
      try {
        escalate({ ...alert, firedAt: alert.firedAt }, policy, silences, now, result);
      } catch (error) {
        // One alert's failure (say, a full disk under the store) must not hold back the others; the step it was on
        // was rolled back and runs again next tick.
        log.error({ err: error, fingerprint: alert.fingerprint }, 'escalation failed; will retry next tick');
      }
    }
    for (const fingerprint of listEscalations(deps.store)) {
      if (live.has(fingerprint)) continue;
      const state = readEscalation(deps.store, fingerprint);
      // Not live but still firing: no policy matches it any more (the config changed), which is not a resolve.
      const resolved = deps.store.getAlert(fingerprint)?.status !== 'firing';
      if (state && resolved && state.stoppedBy === null && state.done > 0) {
        audit(now, 'escalation-stopped', fingerprint, 'resolved', { stepsDone: state.done });
        result.stopped.push({ fingerprint, reason: 'resolved' });
      }
      removeEscalation(deps.store, fingerprint);
    }
    return result;
  }

  return { tick, policies, roster };
}

function isSilenced(alert: AlertRecord, silence: SilenceRecord): boolean {
  return Object.entries(silence.matchers).every(([key, value]) => alert.labels[key] === value);
}
