import type { Schedule } from '../src/sdk.js';
import dailyHealth from './daily-health.js';
import monthlyQueryLogAudit from './monthly-query-log-audit.js';
import queryStatsSnapshot from './query-stats-snapshot.js';
import weeklyEncodingFailures from './weekly-encoding-failures.js';
import weeklyQueryAudit from './weekly-query-audit.js';

/** Every schedule, listed by hand (test/commands/registry.test.ts checks the folder against this list). */
export const schedules: readonly Schedule[] = [dailyHealth, queryStatsSnapshot, weeklyEncodingFailures, weeklyQueryAudit, monthlyQueryLogAudit];
