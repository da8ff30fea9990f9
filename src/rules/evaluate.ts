import { formatDuration } from '../config/duration.js';
import type { Labels } from '../probes/probe.js';
import { catalogueEntry } from './catalogue.js';
import { compileMatchers, type LabelPredicate } from './matchers.js';
import { counterIncrease, fitLine, predictAt } from './regression.js';
import { compare, type Rule } from './rule.js';
import { formatValue, renderTemplate } from './template.js';

/** The latest reading of one series, as the engine's index holds it. */
export interface SeriesReading {
  /** seriesKey(metric, labels). */
  key: string;
  labels: Labels;
  value: number;
  /** Epoch ms. */
  at: number;
  /** Extra template values, e.g. a failing probe's error. */
  extra?: Readonly<Record<string, string>> | undefined;
}

/** What evaluation may read: the latest reading of every series, and the history for trends. */
export interface MetricView {
  series(metric: string): readonly SeriesReading[];
  /** `[at, value]` pairs, oldest first (MetricHistory.range). */
  range(key: string, from: number, to: number): ReadonlyArray<readonly [number, number]>;
}

/** A series on which the rule's condition holds (raised) or still holds on the clear side (held). */
export interface Outcome {
  rule: Rule;
  /** The series key the alert follows. */
  key: string;
  reading: SeriesReading;
  /** The number compared with the threshold (after ratio, increase or prediction). */
  value: number;
  /** The condition with the threshold: pending/firing starts here. */
  raised: boolean;
  /** The condition with the clear threshold: a firing alert stays firing while this is true. */
  held: boolean;
  /** Template values besides the labels (eta for predictions). */
  vars: Record<string, string>;
}

const compiled = new WeakMap<Rule, LabelPredicate>();

function matcherOf(rule: Rule): LabelPredicate {
  let predicate = compiled.get(rule);
  if (predicate === undefined) {
    predicate = compileMatchers(rule.matchers);
    compiled.set(rule, predicate);
  }
  return predicate;
}

/**
 * Evaluates one rule over the view at `now`. Pure: the same view and time give the same outcomes. Only series
 * that raise or hold are returned; a series without enough history for its transform is skipped.
 */
export function evaluateRule(rule: Rule, view: MetricView, now: number): Outcome[] {
  const matches = matcherOf(rule);
  const clear = rule.clearThreshold ?? rule.threshold;
  const divisors = rule.transform.kind === 'ratio' ? divisorsOf(view, rule.transform.divideBy) : undefined;
  const outcomes: Outcome[] = [];
  for (const reading of view.series(rule.metric)) {
    if (!matches(reading.labels)) continue;
    const vars: Record<string, string> = {};
    const value = transformed(rule, reading, view, now, divisors, vars);
    if (value === undefined) continue;
    const raised = compare(value, rule.comparator, rule.threshold) && passesGate(rule, reading);
    const held = raised || compare(value, rule.comparator, clear);
    if (raised || held) outcomes.push({ rule, key: reading.key, reading, value, raised, held, vars });
  }
  return outcomes;
}

export function evaluateRules(rules: readonly Rule[], view: MetricView, now: number): Outcome[] {
  return rules.flatMap((rule) => evaluateRule(rule, view, now));
}

function passesGate(rule: Rule, reading: SeriesReading): boolean {
  const transform = rule.transform;
  return transform.kind !== 'predict' || transform.onlyAbove === undefined || reading.value > transform.onlyAbove;
}

function transformed(
  rule: Rule,
  reading: SeriesReading,
  view: MetricView,
  now: number,
  divisors: Map<string, number> | undefined,
  vars: Record<string, string>,
): number | undefined {
  const transform = rule.transform;
  switch (transform.kind) {
    case 'value':
      return reading.value;
    case 'ratio': {
      const labelPart = reading.key.slice(rule.metric.length);
      const divisor = divisors?.get(labelPart) ?? divisors?.get('');
      return divisor === undefined || divisor === 0 ? undefined : reading.value / divisor;
    }
    case 'increase':
      return counterIncrease(view.range(reading.key, now - transform.window, now));
    case 'predict': {
      const points = view.range(reading.key, now - transform.window, now);
      const first = points[0];
      const last = points[points.length - 1];
      // A line through a few minutes says little about a day: ask for a sixth of the window at least.
      if (points.length < 3 || first === undefined || last === undefined || last[0] - first[0] < transform.window / 6) return undefined;
      const line = fitLine(points);
      if (line === undefined) return undefined;
      if (reading.value >= rule.threshold) vars.eta = 'no time';
      else if (line.slope > 0) vars.eta = formatDuration((rule.threshold - reading.value) / line.slope);
      return predictAt(line, now + transform.horizon);
    }
  }
}

function divisorsOf(view: MetricView, metric: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const reading of view.series(metric)) map.set(reading.key.slice(metric.length), reading.value);
  return map;
}

/**
 * The alert's labels: the series' labels, the rule's, `check` (default the rule id), `probe` (the probe that sees
 * it), `alertname` (the rule id) and `severity`.
 */
export function alertLabels(rule: Rule, reading: SeriesReading): Record<string, string> {
  const labels: Record<string, string> = { ...reading.labels, ...rule.labels };
  labels.check ??= rule.id;
  const probe = catalogueEntry(rule.metric)?.probe;
  if (labels.probe === undefined && probe !== undefined) labels.probe = probe;
  // As in Prometheus, the rule's name and severity are labels too, so silences and inhibitions can match them.
  labels.alertname = rule.id;
  labels.severity = rule.severity;
  return labels;
}

/** The rule's summary for one outcome. */
export function summarize(outcome: Outcome, labels: Readonly<Record<string, string>>): string {
  const { rule, reading, value } = outcome;
  const seconds = catalogueEntry(rule.metric)?.unit === 'seconds';
  return renderTemplate(rule.summary, {
    ...reading.extra,
    ...labels,
    ...outcome.vars,
    value: formatValue(value),
    current: formatValue(reading.value),
    threshold: formatValue(rule.threshold),
    duration: seconds ? formatDuration(Math.max(0, value) * 1000) : formatValue(value),
    rule: rule.id,
    severity: rule.severity,
  });
}
