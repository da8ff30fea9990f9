import type { EncodingsOverview } from '../../encodings/overview.js';
import type { Section } from '../report.js';
import { formatAgo } from './format.js';

/** Media whose encoding_status reads `fail` while mp4 encodes are still pending or running (reference §1.9). */
export function misleadingSection(o: EncodingsOverview): Section | undefined {
  const { total, media } = o.misleading;
  if (total === 0) return undefined;
  return {
    title: `"fail" that is not a failure yet (${total} media)`,
    severity: 'info',
    blocks: [
      {
        kind: 'table',
        columns: [{ label: 'media' }, { label: 'pending', align: 'right' }, { label: 'running', align: 'right' }, { label: 'queued', align: 'right' }],
        rows: media.map((m) => ({ cells: [m.friendlyToken, String(m.pending), String(m.running), formatAgo(o.now, m.since)] })),
        caption: total > media.length ? `${total - media.length} more not shown` : undefined,
      },
      {
        kind: 'text',
        text: 'CinemataCMS sets encoding_status to fail whenever no mp4 encode has succeeded or is running, even while they are only pending (the gif preview finishes first). Wait for these before treating them as failed.',
      },
    ],
  };
}
