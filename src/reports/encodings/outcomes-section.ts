import type { Config } from '../../config/load-config.js';
import { describeRate, describeTrend } from '../../encodings/findings.js';
import type { EncodingsOverview } from '../../encodings/overview.js';
import { failurePercent, failureTrend, type Outcomes } from '../../encodings/rates.js';
import { codecLabel, groupOutcomes, resolutionLabel, totalOutcomes, type OutcomeGroup } from '../../encodings/rollup.js';
import type { Section, Severity, TableRow } from '../report.js';
import { formatPercent, formatPoints } from './format.js';

type Pair = Config['encodings']['failurePercent'];

export function rateSeverity(o: Outcomes, pair: Pair): Severity {
  const p = failurePercent(o);
  if (p === null) return 'ok';
  return p >= pair.critical ? 'critical' : p >= pair.warning ? 'warning' : 'ok';
}

function rows(groups: readonly OutcomeGroup[], pair: Pair): TableRow[] {
  return groups.map((g) => ({
    cells: [
      g.label,
      String(g.current.success + g.current.fail),
      String(g.current.fail),
      formatPercent(failurePercent(g.current)),
      formatPercent(failurePercent(g.previous)),
      formatPoints(failureTrend(g.current, g.previous)),
    ],
    severity: rateSeverity(g.current, pair),
  }));
}

const columns = (first: string) => [
  { label: first },
  { label: 'finished', align: 'right' as const },
  { label: 'failed', align: 'right' as const },
  { label: 'rate', align: 'right' as const },
  { label: 'before', align: 'right' as const },
  { label: 'trend', align: 'right' as const },
];

/** Counts by status, the failure rate and its trend, then the rate per profile, resolution and codec. */
export function outcomesSections(o: EncodingsOverview): Section[] {
  const total = totalOutcomes(o.outcomes);
  const pair = o.limits.failurePercent;
  const byProfile = o.outcomes.map((p) => ({ label: p.profile.name, current: p.current, previous: p.previous }));
  const summary: Section = {
    title: 'Outcomes',
    blocks: [
      {
        kind: 'fields',
        fields: [
          { label: 'succeeded', value: String(total.current.success) },
          { label: 'failed', value: String(total.current.fail) },
          { label: 'failure rate', value: `${describeRate(total.current)}, ${describeTrend(total.current, total.previous)}`, severity: rateSeverity(total.current, pair) },
          { label: 'running', value: String(o.live.running) },
          { label: 'pending (dispatched)', value: String(o.live.pendingDispatched) },
          { label: 'deferred', value: String(o.live.deferred) },
        ],
      },
    ],
  };
  if (o.outcomes.length === 0) {
    summary.blocks.push({ kind: 'text', text: 'No encoding finished in this window or the one before.' });
    return [summary];
  }
  return [
    summary,
    { title: 'Failure rate by profile', blocks: [{ kind: 'table', columns: columns('profile'), rows: rows(byProfile, pair) }] },
    { title: 'By resolution', blocks: [{ kind: 'table', columns: columns('resolution'), rows: rows(groupOutcomes(o.outcomes, resolutionLabel), pair) }] },
    { title: 'By codec', blocks: [{ kind: 'table', columns: columns('codec'), rows: rows(groupOutcomes(o.outcomes, codecLabel), pair) }] },
  ];
}
