/**
 * A rule is data (from the default set or `rules:` in cinemata-ops.yaml): which series to look at, how to turn
 * them into one number, what "bad" means, for how long, and what to tell people. Evaluation is in evaluate.ts.
 */

export const COMPARATORS = ['>', '>=', '<', '<=', '==', '!='] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** One label condition: a plain string means equality. */
export type LabelMatcher = string | { oneOf: readonly string[] } | { regex: string } | { not: string };

/**
 * How a series becomes the number compared with the threshold. `value` is the latest sample; the others read the
 * metric history.
 */
export type RuleTransform =
  | { kind: 'value' }
  /** Latest sample divided by the latest sample of another metric with the same labels (or no labels). */
  | { kind: 'ratio'; divideBy: string }
  /** How much a counter grew over the window, counter resets counted as growth from zero. Window in ms. */
  | { kind: 'increase'; window: number }
  /**
   * Linear regression over `window` ms, extrapolated `horizon` ms ahead (Prometheus predict_linear). With
   * `onlyAbove`, the rule only raises while the current value is above it (a level gate, as node-mixin does).
   */
  | { kind: 'predict'; window: number; horizon: number; onlyAbove?: number | undefined };

export interface Rule {
  /** kebab-case, unique; the alert's `rule`. */
  id: string;
  /** Catalogue metric name, without the exporter prefix. */
  metric: string;
  /** Label conditions a series must meet; empty matches every series of the metric. */
  matchers: Readonly<Record<string, LabelMatcher>>;
  transform: RuleTransform;
  comparator: Comparator;
  threshold: number;
  /**
   * Hysteresis: a firing alert resolves only once the value is past this on the good side (e.g. raise above 90,
   * clear below 85). Undefined: it resolves as soon as the condition is false.
   */
  clearThreshold: number | undefined;
  /** How long the condition must hold before pending becomes firing, in ms. 0 fires at once. */
  for: number;
  severity: AlertSeverity;
  /** Added to every alert of the rule. `check` (default: the id) ties a warning rule to its critical twin. */
  labels: Readonly<Record<string, string>>;
  /** One line with `{{label}}`, `{{value}}`, `{{threshold}}`, `{{current}}`, `{{eta}}`, `{{duration}}`. */
  summary: string;
  /** What to do, step by step. */
  runbook: string;
  /** Runbook topics this rule belongs to (for `runbook <topic>`). */
  topics: readonly string[];
}

/** `value comparator threshold`. NaN never compares true. */
export function compare(value: number, comparator: Comparator, threshold: number): boolean {
  switch (comparator) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '==':
      return value === threshold;
    case '!=':
      return !Number.isNaN(value) && value !== threshold;
  }
}

/** True when higher values are worse (so a clear threshold must not be above the threshold). */
export function isUpward(comparator: Comparator): boolean {
  return comparator === '>' || comparator === '>=';
}

/** True when the comparator allows hysteresis at all (equality has no "good side" to clear on). */
export function allowsClearThreshold(comparator: Comparator): boolean {
  return comparator !== '==' && comparator !== '!=';
}

/** Why a clear threshold is on the wrong side of the threshold, or undefined when it is fine. */
export function clearThresholdProblem(comparator: Comparator, threshold: number, clear: number | undefined): string | undefined {
  if (clear === undefined) return undefined;
  if (!allowsClearThreshold(comparator)) return `a clear threshold needs a comparator of > >= < <=, not ${comparator}`;
  if (isUpward(comparator) && clear > threshold) return `clearThreshold ${clear} must not be above threshold ${threshold} for ${comparator}`;
  if (!isUpward(comparator) && clear < threshold) return `clearThreshold ${clear} must not be below threshold ${threshold} for ${comparator}`;
  return undefined;
}
