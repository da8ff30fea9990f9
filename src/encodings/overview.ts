import type { Config } from '../config/load-config.js';
import type { PgClient } from '../postgres/pg-client.js';
import { queryFailureCauses, type FailureCause } from './queries/failure-causes.js';
import { queryLiveState, type LiveState } from './queries/live-state.js';
import { queryMisleadingFail, type MisleadingFail } from './queries/misleading-fail.js';
import { queryProfileOutcomes, type ProfileOutcomes } from './queries/profile-outcomes.js';
import { queryProfileThroughput, type ProfileThroughput } from './queries/profile-throughput.js';
import { queryStuckEncodings, type StuckEncoding } from './queries/stuck-encodings.js';
import { queryUserSlots, type UserSlots } from './queries/user-slots.js';
import { windowsEndingAt, type TimeWindow } from './window.js';

export type EncodingLimits = Config['encodings'];

/** Everything the encodings reports show, read in one read-only transaction. */
export interface EncodingsOverview {
  /** Epoch ms the figures refer to (the bot's clock). */
  now: number;
  current: TimeWindow;
  previous: TimeWindow;
  limits: EncodingLimits;
  live: LiveState;
  outcomes: ProfileOutcomes[];
  causes: FailureCause[];
  /** Longest silent first, at most STUCK_SHOWN; the total is live.stuck. */
  stuck: StuckEncoding[];
  /** Uploaders holding slots or waiting, most slots first, at most USERS_READ. */
  users: UserSlots[];
  misleading: { total: number; media: MisleadingFail[] };
  /** Only for the full `encodings` report: it scans media sizes and durations too. */
  throughput: ProfileThroughput[] | undefined;
}

export interface OverviewOptions {
  now: number;
  windowMs: number;
  limits: EncodingLimits;
  /** `full` adds throughput and sizes per profile; `failures` is what the weekly failure report needs. */
  scope: 'full' | 'failures';
  timeoutMs?: number | undefined;
}

const STUCK_SHOWN = 20;
// Enough to see every slot holder (the global limit is 50 rows) and the users waiting behind them.
const USERS_READ = 60;
const MISLEADING_SHOWN = 10;

export async function collectEncodingsOverview(postgres: PgClient, options: OverviewOptions): Promise<EncodingsOverview> {
  const { current, previous } = windowsEndingAt(options.now, options.windowMs);
  const staleMs = options.limits.staleHeartbeat;
  // One read-only transaction on one connection: the statements run one after another (a connection cannot run
  // two at once), each under the statement timeout.
  return postgres.readOnly(
    async (query) => {
      const live = await queryLiveState(query, { now: options.now, staleMs });
      const outcomes = await queryProfileOutcomes(query, { current, previous });
      const causes = await queryFailureCauses(query, current);
      const stuck = await queryStuckEncodings(query, { now: options.now, staleMs, limit: STUCK_SHOWN });
      const users = await queryUserSlots(query, { now: options.now, staleMs, limit: USERS_READ });
      const misleading = await queryMisleadingFail(query, { limit: MISLEADING_SHOWN });
      const throughput = options.scope === 'full' ? await queryProfileThroughput(query, current) : undefined;
      return { now: options.now, current, previous, limits: options.limits, live, outcomes, causes, stuck, users, misleading, throughput };
    },
    { timeoutMs: options.timeoutMs },
  );
}
