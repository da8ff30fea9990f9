import type { Config } from '../config/load-config.js';
import { queryFailureCauses, type FailureCause } from '../encodings/queries/failure-causes.js';
import { queryLiveState, type LiveState } from '../encodings/queries/live-state.js';
import { queryMisleadingFail } from '../encodings/queries/misleading-fail.js';
import { queryProfileOutcomes, type ProfileOutcomes } from '../encodings/queries/profile-outcomes.js';
import { queryUserSlots } from '../encodings/queries/user-slots.js';
import { failurePercent } from '../encodings/rates.js';
import { totalOutcomes } from '../encodings/rollup.js';
import { windowsEndingAt } from '../encodings/window.js';
import type { PgClient } from '../postgres/pg-client.js';
import type { Probe, Sample } from './probe.js';

/** What one run of the encodings probe saw; `encodings` and `encoding-failures` read the database themselves. */
export interface EncodingsDetail {
  live: LiveState;
  /** Finished encodings per profile over the last FAILURE_WINDOW_MS (previous window: the 24 h before), as of the last refresh. */
  outcomes: ProfileOutcomes[];
  causes: FailureCause[];
  usersAtLimit: number;
  misleadingFail: number;
  collectedAt: number;
}

export interface EncodingsProbeOptions {
  /** undefined when CINEMATA_DATABASE_URL is not set: every run then fails with that reason (a blind spot). */
  postgres: PgClient | undefined;
  limits: Config['encodings'];
  /** Statement timeout for the probe's queries, ms. Default: the client's. */
  timeoutMs?: number | undefined;
  /**
   * How long the 24 h figures (outcomes, causes) are reused before they are read again, ms. Default 5 min: they
   * move slowly, and with no index on update_date each read scans files_encoding (about 0.3 s at a million rows),
   * while the queue figures are read on every run through the status index.
   */
  windowRefreshMs?: number | undefined;
}

/** The window of encodings_failure_percent and the *_total counts: 24 h. */
export const FAILURE_WINDOW_MS = 86_400_000;

/**
 * Samples the encoding pipeline (files_encoding) for rules and Prometheus. Labels stay bounded: profile names (a
 * handful of rows in files_encodeprofile) and failure class ids (a fixed list). The `*_total` samples are counts
 * over the last 24 h, not counters since start.
 */
export function createEncodingsProbe(options: EncodingsProbeOptions): Probe<EncodingsDetail> {
  let windowed: { at: number; outcomes: ProfileOutcomes[]; causes: FailureCause[] } | undefined;
  return {
    id: 'encodings',
    description: 'Encoding pipeline: running, deferred and stuck encodes, rate-limit slots, 24 h failure rate by profile and cause',
    async collect(ctx) {
      const postgres = options.postgres;
      if (!postgres) throw new Error('PostgreSQL is not configured: set CINEMATA_DATABASE_URL to watch encodings');
      const now = ctx.now();
      const { limits } = options;
      const refreshMs = options.windowRefreshMs ?? 300_000;
      const detail = await postgres.readOnly(
        async (query) => {
          const live = await queryLiveState(query, { now, staleMs: limits.staleHeartbeat });
          if (!windowed || now - windowed.at >= refreshMs || now < windowed.at) {
            const windows = windowsEndingAt(now, FAILURE_WINDOW_MS);
            windowed = { at: now, outcomes: await queryProfileOutcomes(query, windows), causes: await queryFailureCauses(query, windows.current) };
          }
          const { outcomes, causes } = windowed;
          const users = await queryUserSlots(query, { now, staleMs: limits.staleHeartbeat, limit: limits.maxQueueDepth + 10 });
          const misleading = await queryMisleadingFail(query, { limit: 1 });
          const usersAtLimit = users.filter((u) => u.slots >= limits.maxUserConcurrent).length;
          return { live, outcomes, causes, usersAtLimit, misleadingFail: misleading.total, collectedAt: now };
        },
        { timeoutMs: options.timeoutMs },
      );
      return { samples: buildEncodingsSamples(detail, limits), detail };
    },
  };
}

export function buildEncodingsSamples(detail: EncodingsDetail, limits: Config['encodings']): Sample[] {
  const at = detail.collectedAt;
  const sample = (metric: string, value: number, labels: Record<string, string> = {}): Sample => ({ metric, labels, value, at });
  const { live } = detail;
  const oldest = live.deferredOldestAt === null ? 0 : Math.max(0, (at - live.deferredOldestAt) / 1000);
  const samples = [
    sample('encodings_running', live.running),
    sample('encodings_pending_dispatched', live.pendingDispatched),
    sample('encodings_deferred', live.deferred),
    sample('encodings_deferred_oldest_age_seconds', oldest),
    sample('encodings_stuck', live.stuck),
    sample('encodings_stuck_holding_slots', live.stuckHoldingSlots),
    sample('encodings_slots_used', live.slotsUsed),
    sample('encodings_slots_used_percent', (live.slotsUsed / limits.maxQueueDepth) * 100),
    sample('encodings_users_at_limit', detail.usersAtLimit),
    sample('encodings_misleading_fail', detail.misleadingFail),
  ];
  const total = totalOutcomes(detail.outcomes).current;
  const percent = failurePercent(total);
  // No finished encodes, no rate: the series is absent rather than a reassuring 0.
  if (percent !== null) samples.push(sample('encodings_failure_percent', percent));
  samples.push(sample('encodings_finished_total', total.success + total.fail));
  for (const p of detail.outcomes) {
    samples.push(sample('encodings_failed_total', p.current.fail, { profile: p.profile.name }));
    samples.push(sample('encodings_succeeded_total', p.current.success, { profile: p.profile.name }));
  }
  for (const c of detail.causes) samples.push(sample('encodings_failed_by_class_total', c.encodings, { class: c.classId }));
  return samples;
}
