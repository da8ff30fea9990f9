import type { PgQuery } from '../../postgres/pg-client.js';
import { toTimestampParam } from '../window.js';
import { toMs } from './row-values.js';

/** The encoding pipeline right now: what runs, what waits, what holds rate-limit slots (reference §3.5–3.6). */
export interface LiveState {
  running: number;
  /** pending with task_dispatched: sent to Celery, not started yet. Holds a slot. */
  pendingDispatched: number;
  /** pending without task_dispatched: held back by the rate limiter until the 60 s drain dispatches it. */
  deferred: number;
  /** add_date (creation) of the oldest deferred row, epoch ms. */
  deferredOldestAt: number | null;
  /** Rows counted against MAX_ENCODING_QUEUE_DEPTH: pending or running, and dispatched. */
  slotsUsed: number;
  /** running with a heartbeat (update_date) older than the stale threshold. */
  stuck: number;
  /** Stuck rows that are dispatched, so each holds a slot nothing will free. */
  stuckHoldingSlots: number;
}

interface Row {
  running: number;
  pending_dispatched: number;
  deferred: number;
  deferred_oldest: Date | null;
  slots_used: number;
  stuck: number;
  stuck_holding_slots: number;
}

// One pass over the pending and running rows; the (status, task_dispatched, add_date) index finds them.
const SQL = `
SELECT count(*) FILTER (WHERE status = 'running')::int AS running,
       count(*) FILTER (WHERE status = 'pending' AND task_dispatched)::int AS pending_dispatched,
       count(*) FILTER (WHERE status = 'pending' AND NOT task_dispatched)::int AS deferred,
       min(add_date) FILTER (WHERE status = 'pending' AND NOT task_dispatched) AS deferred_oldest,
       count(*) FILTER (WHERE task_dispatched)::int AS slots_used,
       count(*) FILTER (WHERE status = 'running' AND update_date < $1::timestamptz)::int AS stuck,
       count(*) FILTER (WHERE status = 'running' AND task_dispatched AND update_date < $1::timestamptz)::int AS stuck_holding_slots
FROM files_encoding
WHERE status IN ('pending', 'running')`;

export async function queryLiveState(query: PgQuery, options: { now: number; staleMs: number }): Promise<LiveState> {
  const [row] = await query<Row>(SQL, [toTimestampParam(options.now - options.staleMs)]);
  if (!row) throw new Error('the live-state query returned no row');
  return {
    running: row.running,
    pendingDispatched: row.pending_dispatched,
    deferred: row.deferred,
    deferredOldestAt: toMs(row.deferred_oldest),
    slotsUsed: row.slots_used,
    stuck: row.stuck,
    stuckHoldingSlots: row.stuck_holding_slots,
  };
}
