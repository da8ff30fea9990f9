import type { PgQuery } from '../../postgres/pg-client.js';
import { toTimestampParam } from '../window.js';

/** One uploader's share of the rate limiter (MAX_USER_CONCURRENT_ENCODES counts dispatched pending/running rows). */
export interface UserSlots {
  userId: number;
  username: string;
  slots: number;
  /** Of those slots, rows running with a stale heartbeat. */
  stuck: number;
  /** Rows of this user waiting for a slot. */
  deferred: number;
}

interface Row {
  user_id: number;
  username: string;
  slots: number;
  stuck: number;
  deferred: number;
}

const SQL = `
SELECT m.user_id, u.username,
       count(*) FILTER (WHERE e.task_dispatched)::int AS slots,
       count(*) FILTER (WHERE e.task_dispatched AND e.status = 'running' AND e.update_date < $1::timestamptz)::int AS stuck,
       count(*) FILTER (WHERE NOT e.task_dispatched AND e.status = 'pending')::int AS deferred
FROM files_encoding e
JOIN files_media m ON m.id = e.media_id
JOIN users_user u ON u.id = m.user_id
WHERE e.status IN ('pending', 'running')
GROUP BY m.user_id, u.username
ORDER BY slots DESC, deferred DESC, m.user_id
LIMIT $2`;

/** The uploaders holding the most slots (then the most deferred rows), at most `limit`. */
export async function queryUserSlots(query: PgQuery, options: { now: number; staleMs: number; limit: number }): Promise<UserSlots[]> {
  const rows = await query<Row>(SQL, [toTimestampParam(options.now - options.staleMs), options.limit]);
  return rows.map((r) => ({ userId: r.user_id, username: r.username, slots: r.slots, stuck: r.stuck, deferred: r.deferred }));
}
