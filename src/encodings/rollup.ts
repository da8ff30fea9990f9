import type { ProfileOutcomes } from './queries/profile-outcomes.js';
import type { ProfileThroughput } from './queries/profile-throughput.js';
import type { ProfileRef } from './queries/row-values.js';
import { addOutcomes, NO_OUTCOMES, type Outcomes } from './rates.js';

/** The gif preview has no resolution or codec; it is grouped under this label. */
export const PREVIEW_LABEL = 'preview (gif)';

export function resolutionLabel(profile: ProfileRef): string {
  return profile.resolution === null ? PREVIEW_LABEL : `${profile.resolution}p`;
}

export function codecLabel(profile: ProfileRef): string {
  return profile.codec ?? (profile.extension === 'gif' ? PREVIEW_LABEL : 'unknown');
}

export interface OutcomeGroup {
  label: string;
  current: Outcomes;
  previous: Outcomes;
}

/** Sums per-profile outcomes by a label (resolution, codec), keeping the first-seen order (best resolution first). */
export function groupOutcomes(rows: readonly ProfileOutcomes[], labelOf: (p: ProfileRef) => string): OutcomeGroup[] {
  const groups = new Map<string, OutcomeGroup>();
  for (const row of rows) {
    const label = labelOf(row.profile);
    const group = groups.get(label) ?? { label, current: NO_OUTCOMES, previous: NO_OUTCOMES };
    groups.set(label, { label, current: addOutcomes(group.current, row.current), previous: addOutcomes(group.previous, row.previous) });
  }
  return [...groups.values()];
}

export function totalOutcomes(rows: readonly ProfileOutcomes[]): { current: Outcomes; previous: Outcomes } {
  return {
    current: rows.reduce((sum, r) => addOutcomes(sum, r.current), NO_OUTCOMES),
    previous: rows.reduce((sum, r) => addOutcomes(sum, r.previous), NO_OUTCOMES),
  };
}

export interface ThroughputGroup {
  label: string;
  succeeded: number;
  timed: number;
  runSeconds: number;
  videoSeconds: number;
}

export function groupThroughputByResolution(rows: readonly ProfileThroughput[]): ThroughputGroup[] {
  const groups = new Map<string, ThroughputGroup>();
  for (const row of rows) {
    const label = resolutionLabel(row.profile);
    const g = groups.get(label) ?? { label, succeeded: 0, timed: 0, runSeconds: 0, videoSeconds: 0 };
    groups.set(label, {
      label,
      succeeded: g.succeeded + row.succeeded,
      timed: g.timed + row.timed,
      runSeconds: g.runSeconds + row.runSeconds,
      videoSeconds: g.videoSeconds + row.videoSeconds,
    });
  }
  return [...groups.values()];
}
