import { z } from 'zod';
import { suggest } from '../dispatch/suggest.js';
import { catalogueEntry, catalogueMetrics } from '../rules/catalogue.js';
import { DEFAULT_RULE_IDS, defaultRuleSpec } from '../rules/defaults.js';
import { ALERT_SEVERITIES, COMPARATORS, clearThresholdProblem } from '../rules/rule.js';
import { TEMPLATE_VARIABLES, templateNames } from '../rules/template.js';
import { durationMs } from './schema-helpers.js';

const labelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'a label name is letters, digits and _ (not starting with a digit)');

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

const matcherSchema = z.union([
  z.string(),
  z.strictObject({ oneOf: z.array(z.string()).min(1) }),
  z.strictObject({ regex: z.string().refine(compiles, { message: 'not a valid regular expression' }) }),
  z.strictObject({ not: z.string() }),
], { message: 'a matcher is a value, or { oneOf: [..] }, { regex: ".." } or { not: ".." }' });

/**
 * One entry of `rules:`. With the id of a default rule it overrides only the keys it gives (or switches the rule
 * off with `enabled: false`); with a new id it declares a rule, and metric, comparator, threshold, severity and
 * summary are required.
 */
const ruleEntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a rule id is kebab-case, e.g. disk-warning'),
  enabled: z.boolean().optional(),
  metric: z.string().optional(),
  matchers: z.record(labelName, matcherSchema).optional(),
  comparator: z.enum(COMPARATORS, { message: `expected one of ${COMPARATORS.join(' ')}` }).optional(),
  threshold: z.number().optional(),
  /** null removes a default rule's hysteresis. */
  clearThreshold: z.number().nullable().optional(),
  for: durationMs({ max: 7 * 86_400_000 }).optional(),
  severity: z.enum(ALERT_SEVERITIES, { message: `expected one of ${ALERT_SEVERITIES.join(', ')}` }).optional(),
  labels: z.record(labelName, z.string()).optional(),
  summary: z.string().min(1).optional(),
  runbook: z.string().min(1).optional(),
  topics: z.array(z.string().min(1)).optional(),
  /** Divide by the latest value of this metric (same labels, or none), e.g. load ÷ cores. */
  divideBy: z.string().optional(),
  /** Compare how much a counter grew over this window. */
  increase: durationMs({ min: 60_000, max: 7 * 86_400_000 }).optional(),
  /** Compare the value predicted `horizon` ahead from a linear fit over `window`. */
  predict: z
    .strictObject({
      window: durationMs({ min: 600_000, max: 7 * 86_400_000 }),
      horizon: durationMs({ min: 60_000, max: 30 * 86_400_000 }),
      onlyAbove: z.number().optional(),
    })
    .optional(),
});

export type RuleEntry = z.output<typeof ruleEntrySchema>;

const REQUIRED_FOR_NEW = ['metric', 'comparator', 'threshold', 'severity', 'summary'] as const;

function checkEntries(entries: RuleEntry[], ctx: z.RefinementCtx): void {
  const firstAt = new Map<string, number>();
  entries.forEach((entry, index) => {
    const issue = (path: Array<string | number>, message: string) => ctx.addIssue({ code: 'custom', path: [index, ...path], message });
    const earlier = firstAt.get(entry.id);
    if (earlier !== undefined) issue(['id'], `duplicate rule id "${entry.id}" (first at rules.${earlier})`);
    else firstAt.set(entry.id, index);

    const base = defaultRuleSpec(entry.id);
    if (base === undefined && entry.enabled !== false) {
      const close = suggest(entry.id, DEFAULT_RULE_IDS);
      for (const key of REQUIRED_FOR_NEW) {
        if (entry[key] === undefined) {
          issue([key], `required: no default rule is called "${entry.id}"${close ? ` (did you mean "${close}"?)` : ''}, so this declares a new rule`);
        }
      }
    }

    const metric = entry.metric ?? base?.metric;
    const catalogued = metric === undefined ? undefined : catalogueEntry(metric);
    if (metric !== undefined && catalogued === undefined) issue(['metric'], unknownMetric(metric));
    if (entry.divideBy !== undefined && catalogueEntry(entry.divideBy) === undefined) issue(['divideBy'], unknownMetric(entry.divideBy));
    const transforms = (['divideBy', 'increase', 'predict'] as const).filter((key) => entry[key] !== undefined);
    if (transforms.length > 1) issue([transforms[1] as string], `use one of divideBy, increase, predict (got ${transforms.join(' and ')})`);

    if (catalogued !== undefined) {
      for (const label of Object.keys(entry.matchers ?? {})) {
        if (!catalogued.labels.includes(label)) {
          issue(['matchers', label], `${metric} has no label "${label}" (its labels: ${catalogued.labels.join(', ') || 'none'})`);
        }
      }
      const summary = entry.summary;
      if (summary !== undefined) {
        const known = new Set([...TEMPLATE_VARIABLES, ...catalogued.labels, ...Object.keys(entry.labels ?? {}), 'check', 'probe']);
        if (metric === 'probe_up') known.add('error');
        const unknown = templateNames(summary).filter((name) => !known.has(name));
        if (unknown.length > 0) issue(['summary'], `unknown placeholder {{${unknown[0]}}} (known: ${[...known].sort().join(', ')})`);
      }
    }

    const comparator = entry.comparator ?? base?.comparator;
    const threshold = entry.threshold ?? (typeof base?.threshold === 'number' ? base.threshold : undefined);
    const clear = entry.clearThreshold ?? undefined;
    if (comparator !== undefined && clear !== undefined) {
      const problem = threshold === undefined ? clearThresholdProblem(comparator, clear, clear) : clearThresholdProblem(comparator, threshold, clear);
      if (problem !== undefined) issue(['clearThreshold'], problem);
    }
  });
}

function unknownMetric(metric: string): string {
  const close = suggest(metric, catalogueMetrics());
  return `unknown metric "${metric}"${close ? ` (did you mean "${close}"?)` : ''}; known metrics are listed in src/rules/catalogue.ts`;
}

const matchersSchema = z.record(z.string().min(1), z.string());

/**
 * How the alert engine groups, times and holds notifications. Timers follow Alertmanager's defaults
 * (group_wait 30s, group_interval 5m, repeat_interval 4h).
 */
const alertingSchema = z
  .strictObject({
    /** How often rules are evaluated; default: every sampling round (sampling.interval). */
    evaluationInterval: durationMs({ min: 1_000, max: 3_600_000 }).optional(),
    /** Wait after a group's first alert becomes active before its first notification. */
    groupWait: durationMs({ max: 3_600_000 }).default(30_000),
    /** Wait between notifications about changes in a group. */
    groupInterval: durationMs({ min: 1_000, max: 86_400_000 }).default(300_000),
    /** Reminder for a group that still fires, unchanged and unacknowledged. */
    repeatInterval: durationMs({ min: 60_000, max: 30 * 86_400_000 }).default(14_400_000),
    /** Labels that make a group (`rule` is the rule id); severity is always added. */
    groupBy: z.array(labelName).min(1).default(['rule']),
    /** Alerts listed one by one in a notification; the rest are counted and summarised. */
    maxAlertsPerMessage: z.number().int().min(1).max(100).default(20),
    /** Notifications per channel in one evaluation; further groups are folded into one overview. */
    maxMessagesPerRound: z.number().int().min(2).max(100).default(10),
    /** Tell channels when a notified alert resolves. */
    resolveNotices: z.boolean().default(true),
    /** An alert that fires and resolves `changes` times within `window` is flapping: notifications are held. */
    flapping: z
      .strictObject({
        window: durationMs({ min: 60_000, max: 86_400_000 }).default(3_600_000),
        changes: z.number().int().min(2).max(1_000).default(6),
      })
      .prefault({}),
    /** Longest silence the `silence` command accepts. */
    maxSilence: durationMs({ min: 60_000, max: 366 * 86_400_000 }).default(30 * 86_400_000),
    /** How long resolved alerts stay in the store. */
    retention: durationMs({ min: 3_600_000, max: 366 * 86_400_000 }).default(7 * 86_400_000),
    /** Replaces the built-in inhibition rules (see src/alerts/inhibition.ts). */
    inhibit: z
      .array(
        z.strictObject({
          source: matchersSchema,
          target: matchersSchema,
          equal: z.array(labelName).default([]),
        }),
      )
      .optional(),
  })
  .prefault({});

/** The keys this adds to cinemata-ops.yaml, spread into fileSchema. */
export const alertingFileShape = {
  alerting: alertingSchema,
  rules: z.array(ruleEntrySchema).default([]).superRefine(checkEntries),
};

export type AlertingConfig = z.output<typeof alertingSchema>;
