import { formatWindow } from '../../encodings/window.js';
import type { Config } from '../../config/load-config.js';
import type { AppServices } from '../../dispatch/services.js';
import { findEncodingProblems } from '../../encodings/findings.js';
import { collectEncodingsOverview, type EncodingsOverview } from '../../encodings/overview.js';
import { requirePostgres } from '../../postgres/require-postgres.js';
import { worstSeverity, type Report, type Section } from '../report.js';
import { causesSection } from './causes-section.js';
import { encodingFootnotes, exampleActions, summarise } from './encodings-report.js';
import { findingsSection } from './findings-section.js';
import { outcomesSections } from './outcomes-section.js';
import { slotsSection, stuckSection } from './slots-section.js';

/** What a report builder receives; CommandContext and ScheduleContext both fit. */
export interface EncodingReportContext {
  config: Config;
  services: AppServices;
  now(): number;
}

export const FAILURE_REPORT_WINDOW_MS = 7 * 86_400_000;

/** The weekly failure report from an overview: rate and trend, top causes with an example and the fix, stuck and starving rows. */
export function buildEncodingFailuresReportFrom(o: EncodingsOverview): Report {
  const findings = findEncodingProblems(o);
  const sections: Section[] = [];
  const first = findingsSection(findings);
  if (first) sections.push(first);
  const [summary, byProfile] = outcomesSections(o);
  if (summary) sections.push(summary);
  if (byProfile) sections.push(byProfile);
  const causes = causesSection(o);
  sections.push(causes ?? { title: 'Failure causes', blocks: [{ kind: 'text', text: 'No encoding failed in this window.' }] });
  sections.push(slotsSection(o));
  const stuck = stuckSection(o);
  if (stuck) sections.push(stuck);
  const end = new Date(o.current.end).toISOString().slice(0, 10);
  return {
    title: `Encoding failures, ${formatWindow(o.current.end - o.current.start)} to ${end}`,
    severity: worstSeverity(findings.map((f) => f.severity)),
    summary: summarise(findings, o),
    sections,
    actions: exampleActions(o),
    footnotes: encodingFootnotes(o),
    generatedAt: o.now,
  };
}

/** `report encoding-failures`: reads the last 7 days of encodings and builds the weekly failure report. */
export async function buildEncodingFailuresReport(ctx: EncodingReportContext): Promise<Report> {
  const overview = await collectEncodingsOverview(requirePostgres(ctx.services), {
    now: ctx.now(),
    windowMs: FAILURE_REPORT_WINDOW_MS,
    limits: ctx.config.encodings,
    scope: 'failures',
  });
  return buildEncodingFailuresReportFrom(overview);
}
