import type { Schedule } from '../src/sdk.js';
import dailyHealth from './daily-health.js';
import queryStatsSnapshot from './query-stats-snapshot.js';

/** Every schedule, listed by hand (test/schedules/registry.test.ts checks the folder against this list). */
export const schedules: readonly Schedule[] = [dailyHealth, queryStatsSnapshot];
