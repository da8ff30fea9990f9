import { failureClass } from '../../encodings/failure-classes.js';
import type { EncodingsOverview } from '../../encodings/overview.js';
import type { Block, Section } from '../report.js';
import { formatLogTail } from './format.js';

/** How many failure classes a report lists; the rest are summed in one line. */
const CLASSES_SHOWN = 6;

/** The failure classes of the window, most frequent first, each with an example media and the fix. */
export function causesSection(o: EncodingsOverview): Section | undefined {
  const failed = o.causes.reduce((sum, c) => sum + c.encodings, 0);
  if (failed === 0) return undefined;
  const shown = o.causes.slice(0, CLASSES_SHOWN);
  // A list rather than a table: the fix is the point, and a list wraps it on every platform instead of cutting it.
  const blocks: Block[] = [
    {
      kind: 'list',
      items: shown.map((c) => {
        const cls = failureClass(c.classId);
        return {
          text: `${cls.title}: ${c.encodings} failed (${c.media} media), e.g. ${c.example.friendlyToken} (encoding ${c.example.encodingId}, ${c.example.profile}) → ${cls.fix}`,
          severity: cls.origin === 'host' ? ('warning' as const) : ('info' as const),
        };
      }),
    },
  ];
  const rest = o.causes.slice(CLASSES_SHOWN).reduce((sum, c) => sum + c.encodings, 0);
  if (rest > 0) blocks.push({ kind: 'text', text: `${rest} more failures in ${o.causes.length - CLASSES_SHOWN} other classes.` });
  for (const c of shown.filter((x) => x.classId === 'unknown' || x.classId === 'cut-off')) {
    blocks.push({ kind: 'text', text: `${failureClass(c.classId).title}: the last lines of encoding ${c.example.encodingId} (${c.example.friendlyToken}):` });
    blocks.push({ kind: 'code', text: formatLogTail(c.example.logs) });
  }
  blocks.push({ kind: 'text', text: `Details and the next steps for one media: encoding ${shown[0]?.example.friendlyToken ?? '<token>'}` });
  return { title: `Failure causes (${failed} failed)`, blocks };
}
