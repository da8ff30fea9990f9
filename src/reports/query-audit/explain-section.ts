import type { PlanFinding } from '../../postgres/explain/plan-advice.js';
import type { ExplainedStatement } from '../../postgres/explain/run-explain.js';
import { worstSeverity, type Section } from '../report.js';
import { formatCount, formatMs } from './format.js';

/** Nodes beyond this are summarised: a plan of CinemataCMS's shapes has a handful, a pathological one hundreds. */
const MAX_NODES = 25;

/** One explained statement: its figures, findings, plan tree and SQL. */
export function explainSection(explained: ExplainedStatement, findings: readonly PlanFinding[]): Section {
  const { summary, statement } = explained;
  const nodes = summary.nodes.slice(0, MAX_NODES);
  return {
    title: `${statement.shape}: ${statement.origin}`,
    severity: worstSeverity(findings.map((f) => f.severity)),
    blocks: [
      {
        kind: 'fields',
        fields: [
          { label: 'total', value: formatMs(summary.totalMs) },
          { label: 'planning', value: formatMs(summary.planningMs) },
          { label: 'execution', value: formatMs(summary.executionMs) },
          { label: 'rows', value: formatCount(summary.nodes[0]?.actualRows ?? 0) },
          { label: 'indexes used', value: summary.indexesUsed.join(', ') || 'none' },
        ],
      },
      { kind: 'list', items: findings.map((f) => ({ text: f.text, severity: f.severity })) },
      {
        kind: 'table',
        caption: summary.nodes.length > nodes.length ? `first ${nodes.length} of ${summary.nodes.length} plan nodes` : undefined,
        columns: [{ label: 'plan node' }, { label: 'estimated', align: 'right' }, { label: 'actual', align: 'right' }, { label: 'loops', align: 'right' }, { label: 'filtered', align: 'right' }],
        rows: nodes.map((n) => ({
          cells: [`${'  '.repeat(n.depth)}${n.label}`, formatCount(n.estimatedRows), n.loops === 0 ? 'never run' : formatCount(n.actualRows), formatCount(n.loops), n.removedByFilter > 0 ? formatCount(n.removedByFilter) : ''],
        })),
      },
      { kind: 'code', text: statement.sql },
    ],
  };
}
