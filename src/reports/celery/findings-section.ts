import type { Finding } from '../health/findings.js';
import { worstSeverity, type Section } from '../report.js';

/** "Look at these first": findings (already sorted worst first), each with what to do. */
export function findingsSection(findings: readonly Finding[]): Section {
  return {
    title: 'Look at these first',
    severity: worstSeverity(findings.map((f) => f.severity)),
    blocks: [{ kind: 'list', items: findings.map((f) => ({ text: `${f.text} → ${f.hint}`, severity: f.severity })) }],
  };
}

/** The one-line summary: counts by severity and the worst finding, or `fine` when there is none. */
export function summarise(findings: readonly Finding[], fine: string): string {
  // Info findings are context, not news: the headline stays the plain state.
  if (findings.every((f) => f.severity === 'info')) return fine;
  const counts = { critical: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const parts = [counts.critical && `${counts.critical} critical`, counts.warning && `${counts.warning} warning`, counts.info && `${counts.info} info`].filter(Boolean);
  return `${parts.join(', ')}: ${findings[0]?.text}`;
}
