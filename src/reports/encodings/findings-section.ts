import type { EncodingFinding } from '../../encodings/findings.js';
import { worstSeverity, type Section } from '../report.js';

export function findingsSection(findings: readonly EncodingFinding[]): Section | undefined {
  if (findings.length === 0) return undefined;
  return {
    title: 'Look at these first',
    severity: worstSeverity(findings.map((f) => f.severity)),
    blocks: [{ kind: 'list', items: findings.map((f) => ({ text: `${f.text} → ${f.hint}`, severity: f.severity })) }],
  };
}
