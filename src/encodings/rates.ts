/** Success and failure counts of finished (non-chunk) encodings in one window. */
export interface Outcomes {
  success: number;
  fail: number;
}

export const NO_OUTCOMES: Outcomes = { success: 0, fail: 0 };

export function addOutcomes(a: Outcomes, b: Outcomes): Outcomes {
  return { success: a.success + b.success, fail: a.fail + b.fail };
}

/** Failures as a % of finished encodings; null when nothing finished (no rate, rather than a misleading 0 %). */
export function failurePercent(o: Outcomes): number | null {
  const finished = o.success + o.fail;
  return finished === 0 ? null : (o.fail / finished) * 100;
}

/** Change in percentage points from the previous window; null when either window has no rate. */
export function failureTrend(current: Outcomes, previous: Outcomes): number | null {
  const now = failurePercent(current);
  const before = failurePercent(previous);
  return now === null || before === null ? null : now - before;
}
