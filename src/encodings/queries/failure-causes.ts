import type { PgQuery } from '../../postgres/pg-client.js';
import { classifyFailureId } from '../classify-failure.js';
import type { FailureClassId } from '../failure-classes.js';
import { toTimestampParam, type TimeWindow } from '../window.js';
import { toMs } from './row-values.js';

/** How many failed encodings in a window fall in one failure class, with the latest one as the example. */
export interface FailureCause {
  classId: FailureClassId;
  encodings: number;
  /** Distinct media among them. */
  media: number;
  example: { encodingId: number; friendlyToken: string; profile: string; logs: string; failedAt: number };
}

interface Tally {
  encodings: number;
  media: Set<number>;
  exampleId: number;
}

/** Rows per FETCH: about 1 MB of log tails, so memory stays flat however many encodings failed. */
const PAGE = 2_000;

// A cursor streams the failed rows through the classifier page by page. Classifying here is about 13× faster than
// the same rules as a CASE of regexes inside PostgreSQL (bench/encodings-report.mjs), and keeps one engine.
const DECLARE = `
DECLARE cinemata_ops_failed NO SCROLL CURSOR FOR
SELECT e.id, e.media_id, e.logs
FROM files_encoding e
WHERE e.status = 'fail' AND NOT e.chunk AND e.update_date >= $1::timestamptz AND e.update_date < $2::timestamptz`;

const EXAMPLES = `
SELECT e.id, m.friendly_token, coalesce(p.name, '#' || e.profile_id) AS profile, e.logs, e.update_date
FROM files_encoding e
JOIN files_media m ON m.id = e.media_id
LEFT JOIN files_encodeprofile p ON p.id = e.profile_id
WHERE e.id = ANY($1::int[])`;

async function tallyFailures(query: PgQuery, window: TimeWindow): Promise<Map<FailureClassId, Tally>> {
  const tallies = new Map<FailureClassId, Tally>();
  await query(DECLARE, [toTimestampParam(window.start), toTimestampParam(window.end)]);
  for (;;) {
    const rows = await query<{ id: number; media_id: number; logs: string }>(`FETCH ${PAGE} FROM cinemata_ops_failed`);
    for (const row of rows) {
      const classId = classifyFailureId(row.logs);
      const tally = tallies.get(classId) ?? { encodings: 0, media: new Set<number>(), exampleId: 0 };
      tally.encodings++;
      tally.media.add(row.media_id);
      tally.exampleId = Math.max(tally.exampleId, row.id);
      tallies.set(classId, tally);
    }
    if (rows.length < PAGE) break;
  }
  await query('CLOSE cinemata_ops_failed');
  return tallies;
}

/** Failure classes of the window, most frequent first; the example is the class's newest row (highest id). */
export async function queryFailureCauses(query: PgQuery, window: TimeWindow): Promise<FailureCause[]> {
  const tallies = await tallyFailures(query, window);
  if (tallies.size === 0) return [];
  const ids = [...tallies.values()].map((t) => t.exampleId);
  const examples = new Map(
    (await query<{ id: number; friendly_token: string; profile: string; logs: string; update_date: Date }>(EXAMPLES, [ids])).map((r) => [r.id, r]),
  );
  return [...tallies.entries()]
    .map(([classId, t]) => {
      const ex = examples.get(t.exampleId);
      return {
        classId,
        encodings: t.encodings,
        media: t.media.size,
        example: { encodingId: t.exampleId, friendlyToken: ex?.friendly_token ?? '?', profile: ex?.profile ?? '?', logs: ex?.logs ?? '', failedAt: toMs(ex?.update_date) ?? 0 },
      };
    })
    .sort((a, b) => b.encodings - a.encodings || a.classId.localeCompare(b.classId));
}
