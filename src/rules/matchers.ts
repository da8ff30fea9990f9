import type { Labels } from '../probes/probe.js';
import type { LabelMatcher } from './rule.js';

export type LabelPredicate = (labels: Labels) => boolean;

/** Compiles a rule's matchers once; a missing label reads as the empty string, as in Prometheus. */
export function compileMatchers(matchers: Readonly<Record<string, LabelMatcher>>): LabelPredicate {
  const tests = Object.entries(matchers).map(([name, matcher]) => {
    const test = compileOne(matcher);
    return (labels: Labels) => test(labels[name] ?? '');
  });
  if (tests.length === 0) return () => true;
  return (labels) => tests.every((test) => test(labels));
}

function compileOne(matcher: LabelMatcher): (value: string) => boolean {
  if (typeof matcher === 'string') return (value) => value === matcher;
  if ('oneOf' in matcher) {
    const set = new Set(matcher.oneOf);
    return (value) => set.has(value);
  }
  if ('regex' in matcher) {
    // Anchored, like PromQL's =~.
    const re = new RegExp(`^(?:${matcher.regex})$`);
    return (value) => re.test(value);
  }
  return (value) => value !== matcher.not;
}
