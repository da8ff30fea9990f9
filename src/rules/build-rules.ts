import type { RuleEntry } from '../config/rules-schema.js';
import { DEFAULT_RULE_SPECS, materialize, type RuleConfig } from './defaults.js';
import type { Rule, RuleTransform } from './rule.js';
import { clearThresholdProblem } from './rule.js';

/** What the effective rule set is built from: the thresholds and the `rules:` entries of the configuration. */
export type RulesConfig = RuleConfig & { rules: readonly RuleEntry[] };

/** A rule set that cannot run, with the configuration path of each problem. */
export class RulesError extends Error {
  override name = 'RulesError' as const;
  readonly problems: ReadonlyArray<{ path: string; message: string }>;
  constructor(problems: ReadonlyArray<{ path: string; message: string }>) {
    super(`invalid alert rules:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
    this.problems = problems;
  }
}

/**
 * The effective rules: the defaults with thresholds from the configuration, each overridden key by key by a
 * `rules:` entry with its id (or dropped with `enabled: false`), then the new rules the entries declare, in order.
 * The entries were validated with the configuration; what only shows once merged (a clear threshold on the wrong
 * side of a configured threshold) throws a RulesError naming `file.rules.N.<key>`.
 */
export function buildRules(config: RulesConfig): Rule[] {
  const entries = new Map(config.rules.map((entry, index) => [entry.id, { entry, index }]));
  const rules: Rule[] = [];
  const problems: Array<{ path: string; message: string }> = [];
  const check = (rule: Rule, index: number | undefined) => {
    const problem = clearThresholdProblem(rule.comparator, rule.threshold, rule.clearThreshold);
    if (problem !== undefined) problems.push({ path: index === undefined ? `rule ${rule.id}` : `file.rules.${index}.clearThreshold`, message: problem });
  };
  for (const spec of DEFAULT_RULE_SPECS) {
    const found = entries.get(spec.id);
    if (found?.entry.enabled === false) continue;
    let rule = materialize(spec, config);
    if (found !== undefined) {
      const { entry } = found;
      // Overriding only the threshold moves the clear threshold with it, keeping the default's hysteresis.
      const clear = entry.clearThreshold !== undefined ? (entry.clearThreshold ?? undefined) : entry.threshold !== undefined && spec.clear ? spec.clear(entry.threshold) : rule.clearThreshold;
      rule = applyEntry(rule, entry, clear);
    }
    check(rule, found?.index);
    rules.push(rule);
  }
  const defaults = new Set(DEFAULT_RULE_SPECS.map((spec) => spec.id));
  config.rules.forEach((entry, index) => {
    if (defaults.has(entry.id) || entry.enabled === false) return;
    const rule = newRule(entry);
    check(rule, index);
    rules.push(rule);
  });
  if (problems.length > 0) throw new RulesError(problems);
  return rules;
}

function transformOf(entry: RuleEntry): RuleTransform | undefined {
  if (entry.divideBy !== undefined) return { kind: 'ratio', divideBy: entry.divideBy };
  if (entry.increase !== undefined) return { kind: 'increase', window: entry.increase };
  if (entry.predict !== undefined) return { kind: 'predict', ...entry.predict };
  return undefined;
}

function applyEntry(rule: Rule, entry: RuleEntry, clearThreshold: number | undefined): Rule {
  return {
    ...rule,
    metric: entry.metric ?? rule.metric,
    matchers: entry.matchers ?? rule.matchers,
    transform: transformOf(entry) ?? (entry.metric !== undefined && entry.metric !== rule.metric ? { kind: 'value' } : rule.transform),
    comparator: entry.comparator ?? rule.comparator,
    threshold: entry.threshold ?? rule.threshold,
    clearThreshold,
    for: entry.for ?? rule.for,
    severity: entry.severity ?? rule.severity,
    labels: { ...rule.labels, ...entry.labels },
    summary: entry.summary ?? rule.summary,
    runbook: entry.runbook ?? rule.runbook,
    topics: entry.topics ?? rule.topics,
  };
}

// The schema made sure a new rule has these; the fallbacks only satisfy the types.
function newRule(entry: RuleEntry): Rule {
  return {
    id: entry.id,
    metric: entry.metric ?? '',
    matchers: entry.matchers ?? {},
    transform: transformOf(entry) ?? { kind: 'value' },
    comparator: entry.comparator ?? '>',
    threshold: entry.threshold ?? 0,
    clearThreshold: entry.clearThreshold ?? undefined,
    for: entry.for ?? 0,
    severity: entry.severity ?? 'warning',
    labels: { check: entry.id, ...entry.labels },
    summary: entry.summary ?? entry.id,
    runbook: entry.runbook ?? 'No runbook was written for this rule (add `runbook:` to it in cinemata-ops.yaml).',
    topics: entry.topics ?? [],
  };
}
