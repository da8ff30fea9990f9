import { failureClass, type FailureClass, type FailureClassId } from './failure-classes.js';
import { FAILURE_RULES } from './failure-rules.js';

/** The class of a failed encoding from its `logs` (the ≤~510-character stderr tail, or a CinemataCMS message). */
export function classifyFailure(logs: string | null | undefined): FailureClass {
  return failureClass(classifyFailureId(logs));
}

export function classifyFailureId(logs: string | null | undefined): FailureClassId {
  const text = logs ?? '';
  for (const rule of FAILURE_RULES) if (rule.pattern.test(text)) return rule.classId;
  return 'unknown';
}
