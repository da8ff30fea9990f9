import type { OncallConfig } from '../config/oncall-schema.js';
import type { AlertRecord } from '../store/store.js';
import { parseTarget, type EscalationTarget } from './targets.js';

export interface EscalationStep {
  /** Wait after the previous step (after firing, for the first), in ms. */
  afterMs: number;
  /** When the step is due, in ms after the alert fired: the sum of the waits so far. */
  dueAfterFiringMs: number;
  targets: EscalationTarget[];
}

export interface EscalationPolicy {
  name: string;
  severities: ReadonlyArray<AlertRecord['severity']>;
  matchers: Readonly<Record<string, string>>;
  steps: EscalationStep[];
}

/** The name of the policy used when the config lists none. */
export const BUILT_IN_POLICY = 'default';

/**
 * The policies in force. Without `oncall.policies` there is one built-in policy for critical alerts, which keeps
 * the old meaning of `escalateAfter` + `contacts`: after `escalateAfter`, the primary on-call (with a rotation) or
 * the contacts (without); after another `escalateAfter`, the secondary and the contacts. Nobody to notify, no policy.
 */
export function resolvePolicies(oncall: OncallConfig): EscalationPolicy[] {
  if (oncall.policies) {
    return oncall.policies.map((policy) => ({
      name: policy.name,
      severities: policy.severities,
      matchers: policy.matchers,
      steps: withDueTimes(policy.steps.map((step) => ({ afterMs: step.after ?? oncall.escalateAfter, targets: step.notify.flatMap(toTarget) }))),
    }));
  }
  const wait = oncall.escalateAfter;
  const contacts: EscalationTarget[] = oncall.contacts.length > 0 ? [{ kind: 'contacts' }] : [];
  const rotationSize = oncall.rotation?.people.length ?? 0;
  const steps =
    rotationSize === 0
      ? [{ afterMs: wait, targets: contacts }]
      : [
          { afterMs: wait, targets: [{ kind: 'role', role: 'primary' } as const] },
          { afterMs: wait, targets: [...(rotationSize >= 2 ? [{ kind: 'role', role: 'secondary' } as const] : []), ...contacts] },
        ];
  const useful = steps.filter((step) => step.targets.length > 0);
  return useful.length === 0 ? [] : [{ name: BUILT_IN_POLICY, severities: ['critical'], matchers: {}, steps: withDueTimes(useful) }];
}

/** First match wins, as in Grafana OnCall routes: severity listed, and every matcher equal to the alert's label. */
export function matchPolicy(policies: readonly EscalationPolicy[], alert: Pick<AlertRecord, 'severity' | 'labels'>): EscalationPolicy | undefined {
  return policies.find(
    (policy) => policy.severities.includes(alert.severity) && Object.entries(policy.matchers).every(([key, value]) => alert.labels[key] === value),
  );
}

function withDueTimes(steps: Array<{ afterMs: number; targets: EscalationTarget[] }>): EscalationStep[] {
  let due = 0;
  return steps.map((step) => {
    due += step.afterMs;
    return { ...step, dueAfterFiringMs: due };
  });
}

function toTarget(text: string): EscalationTarget[] {
  const parsed = parseTarget(text);
  return parsed.ok ? [parsed.target] : [];
}
