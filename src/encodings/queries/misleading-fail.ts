import type { PgQuery } from '../../postgres/pg-client.js';
import { toMs } from './row-values.js';

/**
 * A media whose encoding_status says `fail` while some of its mp4 encodings are still pending or running.
 * set_encoding_status() returns `fail` whenever no mp4 row succeeded or runs, even if every one is merely pending
 * (reference §1.9), so this is not a failure yet.
 */
export interface MisleadingFail {
  friendlyToken: string;
  pending: number;
  running: number;
  /** Oldest of those rows' add_date, epoch ms. */
  since: number;
}

interface Row {
  friendly_token: string;
  pending: number;
  running: number;
  since: Date;
  total: number;
}

const SQL = `
SELECT m.friendly_token,
       count(*) FILTER (WHERE e.status = 'pending')::int AS pending,
       count(*) FILTER (WHERE e.status = 'running')::int AS running,
       min(e.add_date) AS since,
       (count(*) OVER ())::int AS total
FROM files_media m
JOIN files_encoding e ON e.media_id = m.id
JOIN files_encodeprofile p ON p.id = e.profile_id
WHERE m.encoding_status = 'fail' AND e.status IN ('pending', 'running') AND p.extension = 'mp4'
GROUP BY m.id, m.friendly_token
ORDER BY since, m.friendly_token
LIMIT $1`;

export async function queryMisleadingFail(query: PgQuery, options: { limit: number }): Promise<{ total: number; media: MisleadingFail[] }> {
  const rows = await query<Row>(SQL, [options.limit]);
  return {
    total: rows[0]?.total ?? 0,
    media: rows.map((r) => ({ friendlyToken: r.friendly_token, pending: r.pending, running: r.running, since: toMs(r.since) ?? 0 })),
  };
}
