/** Least-squares line through `[at, value]` points; undefined with fewer than two distinct times. */
export function fitLine(points: ReadonlyArray<readonly [number, number]>): { slope: number; intercept: number } | undefined {
  const n = points.length;
  if (n < 2) return undefined;
  // Centre the times: epoch milliseconds squared lose precision in doubles.
  const t0 = points[0]?.[0] ?? 0;
  let sumT = 0;
  let sumV = 0;
  for (const [at, value] of points) {
    sumT += at - t0;
    sumV += value;
  }
  const meanT = sumT / n;
  const meanV = sumV / n;
  let num = 0;
  let den = 0;
  for (const [at, value] of points) {
    const dt = at - t0 - meanT;
    num += dt * (value - meanV);
    den += dt * dt;
  }
  if (den === 0) return undefined;
  const slope = num / den;
  return { slope, intercept: meanV - slope * (meanT + t0) };
}

/** What the line says at time `at` (Prometheus predict_linear). */
export function predictAt(line: { slope: number; intercept: number }, at: number): number {
  return line.intercept + line.slope * at;
}

/** Growth of a counter over the points, a drop counted as a reset (growth from zero), as PromQL increase(). */
export function counterIncrease(points: ReadonlyArray<readonly [number, number]>): number | undefined {
  if (points.length < 2) return undefined;
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const previous = (points[i - 1] as readonly [number, number])[1];
    const current = (points[i] as readonly [number, number])[1];
    total += current >= previous ? current - previous : current;
  }
  return total;
}
