import type { Finding } from '../health/findings.js';
import { SEVERITY_RANK, worstSeverity, type Section, type Severity } from '../report.js';

export type { Finding } from '../health/findings.js';

/** Worst first; equal severities keep the order they were found in (the checks' order of urgency). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
}

/** The "Look at these first" section, or none when nothing was found. */
export function findingsSection(findings: readonly Finding[]): Section[] {
  if (findings.length === 0) return [];
  return [
    {
      title: 'Look at these first',
      severity: worstSeverity(findings.map((f) => f.severity)),
      blocks: [{ kind: 'list', items: findings.map((f) => ({ text: `${f.text} → ${f.hint}`, severity: f.severity })) }],
    },
  ];
}

/** `2 critical, 1 warning: <the worst finding>`, or what to say when all is well. */
export function summarizeFindings(findings: readonly Finding[], allClear: string): string {
  if (findings.length === 0) return allClear;
  const counts: Record<Exclude<Severity, 'ok'>, number> = { critical: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const parts = (['critical', 'warning', 'info'] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return `${parts.join(', ')}: ${findings[0]?.text ?? ''}`;
}
