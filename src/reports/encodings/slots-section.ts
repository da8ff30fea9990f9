import { formatDuration } from '../../config/duration.js';
import { STARVING_SHARE } from '../../encodings/findings.js';
import type { EncodingsOverview } from '../../encodings/overview.js';
import type { Section, Severity } from '../report.js';
import { formatAge, formatAgo } from './format.js';

/** Users listed under the slots; the bot reads more to compute findings. */
const USERS_SHOWN = 10;

function slotSeverity(o: EncodingsOverview): Severity {
  const { live, limits } = o;
  if (live.stuckHoldingSlots >= STARVING_SHARE * limits.maxQueueDepth) return 'critical';
  if (live.slotsUsed >= limits.maxQueueDepth && live.deferred > 0) return live.stuckHoldingSlots > 0 ? 'critical' : 'warning';
  return live.stuckHoldingSlots > 0 ? 'warning' : 'ok';
}

/** Rate-limit slots (MAX_ENCODING_QUEUE_DEPTH, MAX_USER_CONCURRENT_ENCODES), who holds them, the deferred backlog. */
export function slotsSection(o: EncodingsOverview): Section {
  const { live, limits } = o;
  const section: Section = {
    title: 'Rate-limit slots',
    severity: slotSeverity(o),
    blocks: [
      {
        kind: 'fields',
        fields: [
          { label: 'slots used', value: `${live.slotsUsed} of ${limits.maxQueueDepth} (pending or running, dispatched)`, severity: slotSeverity(o) },
          { label: 'held by stuck rows', value: String(live.stuckHoldingSlots), severity: live.stuckHoldingSlots > 0 ? 'warning' : 'ok' },
          { label: 'deferred backlog', value: live.deferred === 0 ? 'none' : `${live.deferred}, oldest queued ${formatAgo(o.now, live.deferredOldestAt)}` },
          { label: 'per-user limit', value: String(limits.maxUserConcurrent) },
        ],
      },
    ],
  };
  const users = o.users.filter((u) => u.slots > 0 || u.deferred > 0).slice(0, USERS_SHOWN);
  if (users.length > 0) {
    section.blocks.push({
      kind: 'table',
      caption: 'Uploaders holding slots or waiting',
      columns: [{ label: 'user' }, { label: 'slots', align: 'right' }, { label: 'stuck', align: 'right' }, { label: 'deferred', align: 'right' }],
      rows: users.map((u) => ({
        cells: [u.username, `${u.slots}/${limits.maxUserConcurrent}`, String(u.stuck), String(u.deferred)],
        severity: u.stuck > 0 ? 'warning' : u.slots >= limits.maxUserConcurrent ? 'info' : 'ok',
      })),
    });
  }
  return section;
}

/** Running rows whose heartbeat stopped, longest silent first, with what finds their task and process. */
export function stuckSection(o: EncodingsOverview): Section | undefined {
  if (o.live.stuck === 0) return undefined;
  const more = o.live.stuck - o.stuck.length;
  return {
    title: `Stuck encodings (${o.live.stuck}, no heartbeat for over ${formatDuration(o.limits.staleHeartbeat)})`,
    severity: 'warning',
    blocks: [
      {
        kind: 'table',
        columns: [
          { label: 'id', align: 'right' },
          { label: 'media' },
          { label: 'profile' },
          { label: 'chunk' },
          { label: 'silent for', align: 'right' },
          { label: 'slot' },
          { label: 'task_id' },
          { label: 'temp_file' },
        ],
        rows: o.stuck.map((s) => ({
          cells: [String(s.id), s.friendlyToken, s.profile, s.chunk ? 'yes' : 'no', formatAge((o.now - s.updatedAt) / 1000), s.taskDispatched ? 'held' : '-', s.taskId || '(none)', s.tempFile || '(none)'],
          severity: 'warning',
        })),
        caption: more > 0 ? `${more} more not shown` : undefined,
      },
      { kind: 'text', text: 'Check each: celery -A cms inspect active (is the task_id there?) and ps -eo pid,etime,args | grep <temp_file> (is ffmpeg alive?).' },
    ],
  };
}
