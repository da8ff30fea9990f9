import { formatDuration } from '../../config/duration.js';
import { formatWindow } from '../../encodings/window.js';
import { describeRate, findEncodingProblems, type EncodingFinding } from '../../encodings/findings.js';
import type { EncodingsOverview } from '../../encodings/overview.js';
import { totalOutcomes } from '../../encodings/rollup.js';
import { worstSeverity, type Report, type ReportAction, type Section } from '../report.js';
import { causesSection } from './causes-section.js';
import { findingsSection } from './findings-section.js';
import { misleadingSection } from './misleading-section.js';
import { outcomesSections } from './outcomes-section.js';
import { slotsSection, stuckSection } from './slots-section.js';
import { throughputSections } from './throughput-section.js';

export function summarise(findings: readonly EncodingFinding[], o: EncodingsOverview): string {
  const window = formatWindow(o.current.end - o.current.start);
  if (findings.length === 0) {
    const total = totalOutcomes(o.outcomes).current;
    const rate = total.success + total.fail === 0 ? 'no encoding finished' : `${describeRate(total)} failed`;
    return `All checks pass: ${rate} in the last ${window}.`;
  }
  const counts = { critical: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const parts = [counts.critical && `${counts.critical} critical`, counts.warning && `${counts.warning} warning`, counts.info && `${counts.info} info`].filter(Boolean);
  return `${parts.join(', ')}: ${findings[0]?.text}`;
}

export function encodingFootnotes(o: EncodingsOverview): string[] {
  const rate = o.limits.failurePercent;
  return [
    'Finished means success or fail with update_date in the window; chunk rows are left out (each chunked encode ends as one row per profile).',
    `Stuck means running with no heartbeat (update_date, saved about every 50 s by a live encode) for over ${formatDuration(o.limits.staleHeartbeat)}; set encodings.staleHeartbeat in cinemata-ops.yaml.`,
    `Failure rate thresholds: ${rate.warning}/${rate.critical} % (warning/critical, encodings.failurePercent). Slots: ${o.limits.maxQueueDepth} in all, ${o.limits.maxUserConcurrent} per uploader, as CinemataCMS's MAX_ENCODING_QUEUE_DEPTH and MAX_USER_CONCURRENT_ENCODES.`,
  ];
}

export function exampleActions(o: EncodingsOverview): ReportAction[] {
  return o.causes.slice(0, 3).map((c) => ({ id: `encoding-${c.example.friendlyToken}`, label: `Open ${c.example.friendlyToken}`, command: `encoding ${c.example.friendlyToken}` }));
}

/** `encodings`: the pipeline over a window, worst findings first, each with what to do. */
export function buildEncodingsReport(o: EncodingsOverview): Report {
  const findings = findEncodingProblems(o);
  const sections: Section[] = [];
  const first = findingsSection(findings);
  if (first) sections.push(first);
  sections.push(...outcomesSections(o));
  const causes = causesSection(o);
  if (causes) sections.push(causes);
  sections.push(slotsSection(o));
  const stuck = stuckSection(o);
  if (stuck) sections.push(stuck);
  sections.push(...throughputSections(o));
  const misleading = misleadingSection(o);
  if (misleading) sections.push(misleading);
  return {
    title: `Encodings, last ${formatWindow(o.current.end - o.current.start)}`,
    severity: worstSeverity(findings.map((f) => f.severity)),
    summary: summarise(findings, o),
    sections,
    actions: exampleActions(o),
    footnotes: [
      ...encodingFootnotes(o),
      'total_run_time counts from the row\'s creation, so encoding time includes time spent queued or deferred, and CinemataCMS wraps it after a day.',
      'Sizes are CinemataCMS\'s decimal strings ("12.3MB" is 12.3 million bytes); empty or unreadable ones are counted as unknown.',
    ],
    generatedAt: o.now,
  };
}
