import type { PgQuery } from '../../postgres/pg-client.js';
import type { Outcomes } from '../rates.js';
import { toTimestampParam, type TimeWindow } from '../window.js';
import type { ProfileRef } from './row-values.js';

/** Finished encodings of one profile in the current window and in the previous one of equal length. */
export interface ProfileOutcomes {
  profile: ProfileRef;
  current: Outcomes;
  previous: Outcomes;
}

interface Row {
  id: number;
  name: string;
  extension: string;
  resolution: number | null;
  codec: string | null;
  success: number;
  fail: number;
  prev_success: number;
  prev_fail: number;
}

// A row counts where it finished: update_date is the last save (the final status write, or the last heartbeat).
// Chunk rows are left out: a chunked encode is merged into (or replaced by) one non-chunk row per profile.
const SQL = `
SELECT p.id, p.name, p.extension, p.resolution, p.codec,
       count(*) FILTER (WHERE e.status = 'success' AND e.update_date >= $2::timestamptz)::int AS success,
       count(*) FILTER (WHERE e.status = 'fail' AND e.update_date >= $2::timestamptz)::int AS fail,
       count(*) FILTER (WHERE e.status = 'success' AND e.update_date < $2::timestamptz)::int AS prev_success,
       count(*) FILTER (WHERE e.status = 'fail' AND e.update_date < $2::timestamptz)::int AS prev_fail
FROM files_encoding e
JOIN files_encodeprofile p ON p.id = e.profile_id
WHERE e.status IN ('success', 'fail') AND NOT e.chunk
  AND e.update_date >= $1::timestamptz AND e.update_date < $3::timestamptz
GROUP BY p.id, p.name, p.extension, p.resolution, p.codec
ORDER BY p.resolution DESC NULLS LAST, p.name`;

export async function queryProfileOutcomes(query: PgQuery, windows: { current: TimeWindow; previous: TimeWindow }): Promise<ProfileOutcomes[]> {
  const rows = await query<Row>(SQL, [
    toTimestampParam(windows.previous.start),
    toTimestampParam(windows.current.start),
    toTimestampParam(windows.current.end),
  ]);
  return rows.map((r) => ({
    profile: { id: r.id, name: r.name, extension: r.extension, resolution: r.resolution, codec: r.codec },
    current: { success: r.success, fail: r.fail },
    previous: { success: r.prev_success, fail: r.prev_fail },
  }));
}
