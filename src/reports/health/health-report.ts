import type { Config } from '../../config/load-config.js';
import type { HostDetail } from '../../probes/host.js';
import type { ProbeReading } from '../../probes/probe-runner.js';
import type { ServicesDetail } from '../../probes/services.js';
import { SEVERITY_RANK, worstSeverity, type Report, type Section, type Series } from '../report.js';
import { findHostProblems, findServiceProblems, type Finding } from './findings.js';
import { hostSections } from './host-sections.js';
import { servicesSection } from './services-section.js';

export interface HealthInput {
  hostname: string;
  host: ProbeReading<HostDetail>;
  services: ProbeReading<ServicesDetail>;
  thresholds: Config['thresholds'];
  /** Recent CPU and memory history for trend lines; empty on a one-shot CLI without history. */
  trends: Series[];
  now: number;
}

/** `health`: host and services, worst findings first, each with what to look at. */
export function buildHealthReport(input: HealthInput): Report {
  const findings: Finding[] = [];
  const sections: Section[] = [];
  for (const reading of [input.host, input.services]) {
    if (!reading.ok) {
      findings.push({
        severity: 'critical',
        text: `cannot read ${reading.probeId}: ${reading.error}`,
        hint: 'this is a blind spot: the bot cannot see this part of the system until it is fixed',
      });
    }
  }
  if (input.host.ok) findings.push(...findHostProblems(input.host.run.detail, input.thresholds));
  if (input.services.ok) findings.push(...findServiceProblems(input.services.run.detail, input.thresholds, input.now));
  findings.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);

  const severity = worstSeverity(findings.map((f) => f.severity));
  if (findings.length > 0) {
    sections.push({
      title: 'Look at these first',
      severity,
      blocks: [{ kind: 'list', items: findings.map((f) => ({ text: `${f.text} → ${f.hint}`, severity: f.severity })) }],
    });
  }
  if (input.host.ok) sections.push(...hostSections(input.host.run.detail, input.thresholds));
  if (input.services.ok) sections.push(servicesSection(input.services.run.detail, input.now));
  if (input.trends.some((s) => s.points.length > 1)) sections.push({ title: 'Last hour', blocks: [{ kind: 'chart', series: input.trends }] });

  const counts = { critical: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const summary =
    findings.length === 0
      ? 'All checks pass.'
      : [counts.critical && `${counts.critical} critical`, counts.warning && `${counts.warning} warning`, counts.info && `${counts.info} info`]
          .filter(Boolean)
          .join(', ') + `: ${findings[0]?.text}`;
  return {
    title: `Health of ${input.hostname}`,
    severity,
    summary,
    sections,
    actions: [{ id: 'help', label: 'All commands', command: 'help' }],
    footnotes: [
      `Thresholds: CPU ${input.thresholds.cpu.warning}/${input.thresholds.cpu.critical}%, memory ${input.thresholds.memory.warning}/${input.thresholds.memory.critical}%, disk ${input.thresholds.disk.warning}/${input.thresholds.disk.critical}% (warning/critical; set in cinemata-ops.yaml).`,
    ],
    generatedAt: input.now,
  };
}
