import { formatAge, formatPercent } from '../reports/health/format.js';
import { formatDuration } from '../config/duration.js';
import { failureClass } from './failure-classes.js';
import type { EncodingsOverview } from './overview.js';
import { failurePercent, failureTrend, type Outcomes } from './rates.js';
import { totalOutcomes } from './rollup.js';
import { formatWindow } from './window.js';

/** Something about the encoding pipeline worth an operator's attention, with what to do first. */
export interface EncodingFinding {
  severity: 'info' | 'warning' | 'critical';
  text: string;
  hint: string;
}

/** Share of the slots held by stuck rows from which the queue counts as starved. */
export const STARVING_SHARE = 0.8;
/** A deferred row older than this while slots are free means the 60 s drain is not running. */
export const DRAIN_GRACE_MS = 5 * 60_000;
/** A profile needs this many finished encodes before its own rate is called out. */
const PROFILE_MIN_FINISHED = 5;

const STUCK_HINT =
  'find each row\'s task_id in `celery -A cms inspect active` and its temp_file in `ps -eo pid,etime,args`; rows with neither are orphaned and hold their slot until requeued (celery -A cms call check_running_states --queue short_tasks, which misreads ages over a day) or their task is revoked';

function level(value: number | null, pair: { warning: number; critical: number }): 'warning' | 'critical' | undefined {
  if (value === null) return undefined;
  if (value >= pair.critical) return 'critical';
  return value >= pair.warning ? 'warning' : undefined;
}

export function describeRate(o: Outcomes): string {
  return `${formatPercent(failurePercent(o))} (${o.fail} of ${o.success + o.fail})`;
}

export function describeTrend(current: Outcomes, previous: Outcomes): string {
  const trend = failureTrend(current, previous);
  if (trend === null) return 'no earlier figure to compare';
  const before = formatPercent(failurePercent(previous));
  if (Math.abs(trend) < 0.05) return `same as the previous window (${before})`;
  return `${trend > 0 ? 'up' : 'down'} from ${before}`;
}

function queueFindings(o: EncodingsOverview): EncodingFinding[] {
  const { live, limits } = o;
  const out: EncodingFinding[] = [];
  const stale = formatDuration(limits.staleHeartbeat);
  const backlog = live.deferred > 0 ? `; ${live.deferred} deferred encodes wait` : '';
  const longest = o.stuck[0] ? `, longest silent ${formatAge((o.now - o.stuck[0].updatedAt) / 1000)}` : '';
  const starving = live.stuckHoldingSlots >= STARVING_SHARE * limits.maxQueueDepth;
  if (starving) {
    out.push({
      severity: 'critical',
      text: `${live.stuckHoldingSlots} of ${limits.maxQueueDepth} encoding slots are held by stuck encodings (no heartbeat for over ${stale})${backlog}`,
      hint: `new encodes cannot start: ${STUCK_HINT}`,
    });
  } else if (live.stuck > 0) {
    out.push({ severity: 'warning', text: `${live.stuck} encodings running with no heartbeat for over ${stale}${longest}`, hint: STUCK_HINT });
  }
  if (!starving && live.slotsUsed >= limits.maxQueueDepth && live.deferred > 0) {
    const held = live.stuckHoldingSlots > 0 ? ` (${live.stuckHoldingSlots} held by stuck encodings)` : '';
    out.push({
      severity: live.stuckHoldingSlots > 0 ? 'critical' : 'warning',
      text: `all ${limits.maxQueueDepth} encoding slots are in use${held} and ${live.deferred} encodes wait, oldest ${formatAge(ageSeconds(o, live.deferredOldestAt))}`,
      hint: 'the drain dispatches deferred rows only as slots free up (every 60 s); stuck rows never free theirs',
    });
  }
  const userLimited = o.users.filter((u) => u.slots >= limits.maxUserConcurrent).reduce((sum, u) => sum + u.deferred, 0);
  const waiting = live.deferred - userLimited;
  const oldest = ageSeconds(o, live.deferredOldestAt) * 1000;
  if (live.slotsUsed < limits.maxQueueDepth && waiting > 0 && oldest > DRAIN_GRACE_MS) {
    out.push({
      severity: 'warning',
      text: `${waiting} encodes deferred for up to ${formatAge(oldest / 1000)} while ${limits.maxQueueDepth - live.slotsUsed} slots are free`,
      hint: 'dispatch_deferred_encodings should pick them up every 60 s: check celery_beat runs and logs "Sending due task dispatch_deferred_encodings"',
    });
  }
  for (const u of o.users.filter((x) => x.slots >= limits.maxUserConcurrent && x.deferred > 0).slice(0, 3)) {
    out.push({
      severity: u.stuck > 0 ? 'warning' : 'info',
      text: `${u.username} holds ${u.slots} of ${limits.maxUserConcurrent} per-user slots${u.stuck > 0 ? ` (${u.stuck} stuck)` : ''}; ${u.deferred} more of theirs wait`,
      hint: u.stuck > 0 ? `their stuck rows block every later upload of theirs: ${STUCK_HINT}` : 'by design (MAX_USER_CONCURRENT_ENCODES): they run as these finish',
    });
  }
  return out;
}

function ageSeconds(o: EncodingsOverview, at: number | null): number {
  return at === null ? 0 : Math.max(0, (o.now - at) / 1000);
}

function failureFindings(o: EncodingsOverview): EncodingFinding[] {
  const out: EncodingFinding[] = [];
  const total = totalOutcomes(o.outcomes);
  const window = formatWindow(o.current.end - o.current.start);
  const overall = level(failurePercent(total.current), o.limits.failurePercent);
  const top = o.causes[0];
  const topHint = top ? `top cause: ${failureClass(top.classId).title} (${top.encodings}, e.g. ${top.example.friendlyToken}): ${failureClass(top.classId).fix}` : '';
  if (overall) {
    out.push({
      severity: overall,
      text: `${formatPercent(failurePercent(total.current))} of encodings failed in the last ${window} (${total.current.fail} of ${total.current.success + total.current.fail}), ${describeTrend(total.current, total.previous)}`,
      hint: topHint,
    });
  }
  const profiles = o.outcomes
    .filter((p) => p.current.success + p.current.fail >= PROFILE_MIN_FINISHED && level(failurePercent(p.current), o.limits.failurePercent) === 'critical')
    .sort((a, b) => (failurePercent(b.current) ?? 0) - (failurePercent(a.current) ?? 0));
  const eligible = o.outcomes.filter((p) => p.current.success + p.current.fail >= PROFILE_MIN_FINISHED).length;
  // Only worth saying when some profiles stand out; when all fail alike, the overall finding says it.
  if (profiles.length < eligible) {
    for (const p of profiles.slice(0, 3)) {
      out.push({
        severity: 'warning',
        text: `profile ${p.profile.name}: ${describeRate(p.current)} failed in the last ${window}`,
        hint: 'one profile failing while others pass points at its settings (codec, resolution, bitrate): see the failure causes',
      });
    }
  }
  if (o.misleading.total > 0) {
    out.push({
      severity: 'info',
      text: `${o.misleading.total} media show encoding_status "fail" while their mp4 encodes are still pending or running`,
      hint: 'not failures yet: CinemataCMS says fail whenever no mp4 encode has succeeded or runs; look again once those finish',
    });
  }
  return out;
}

const RANK = { critical: 0, warning: 1, info: 2 } as const;

/** Every finding, worst first. */
export function findEncodingProblems(o: EncodingsOverview): EncodingFinding[] {
  return [...queueFindings(o), ...failureFindings(o)].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}
