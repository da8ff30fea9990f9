import type { EncodingsOverview } from '../../encodings/overview.js';
import { groupThroughputByResolution, PREVIEW_LABEL } from '../../encodings/rollup.js';
import type { Section } from '../report.js';
import { formatAge, formatDecimalBytes, formatPercent, formatSpeed } from './format.js';

/** Encoding time and speed per resolution, and encoded vs original size per profile, for successful encodes. */
export function throughputSections(o: EncodingsOverview): Section[] {
  const rows = o.throughput ?? [];
  if (rows.length === 0) return [];
  // The gif preview encodes at most 25 s whatever the length of the video, so its speed would mislead.
  const groups = groupThroughputByResolution(rows).filter((g) => g.label !== PREVIEW_LABEL && g.timed > 0);
  const sections: Section[] = [];
  if (groups.length > 0) {
    sections.push({
      title: 'Encoding time by resolution',
      blocks: [
        {
          kind: 'table',
          columns: [
            { label: 'resolution' },
            { label: 'encodes', align: 'right' },
            { label: 'avg time', align: 'right' },
            { label: 'video', align: 'right' },
            { label: 'speed', align: 'right' },
          ],
          rows: groups.map((g) => ({
            cells: [g.label, String(g.timed), formatAge(g.runSeconds / g.timed), formatAge(g.videoSeconds), formatSpeed(g.videoSeconds, g.runSeconds)],
          })),
          caption: 'speed: seconds of video per second of total_run_time',
        },
      ],
    });
  }
  const sized = rows.filter((r) => r.sized > 0);
  if (sized.length > 0) {
    sections.push({
      title: 'Size by profile',
      blocks: [
        {
          kind: 'table',
          columns: [
            { label: 'profile' },
            { label: 'encodes', align: 'right' },
            { label: 'original', align: 'right' },
            { label: 'encoded', align: 'right' },
            { label: 'encoded/original', align: 'right' },
            { label: 'size unknown', align: 'right' },
          ],
          rows: sized.map((r) => ({
            cells: [r.profile.name, String(r.sized), formatDecimalBytes(r.originalBytes), formatDecimalBytes(r.encodedBytes), formatPercent((r.encodedBytes / r.originalBytes) * 100), String(r.unknownSizes)],
          })),
        },
      ],
    });
  }
  return sections;
}
