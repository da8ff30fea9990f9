import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { AppServices } from '../dispatch/services.js';
import type { Report } from '../reports/report.js';

export interface ScheduleContext {
  config: Config;
  services: AppServices;
  log: Logger;
  now(): number;
}

/**
 * A scheduled report: one file in `schedules/`. The cron and timezone here are defaults; `schedules.<id>` in
 * cinemata-ops.yaml may override them or disable the schedule. The report goes to every channel whose
 * `reports` list names the id, and to the console when the bot runs on a terminal.
 */
export interface Schedule {
  /** kebab-case; equal to the file name in `schedules/`. */
  id: string;
  description: string;
  /** Five-field cron (minute hour day month weekday), or six with seconds first. */
  cron: string;
  timezone?: string | undefined;
  /** A report to deliver, or null when there is nothing worth saying. */
  run(ctx: ScheduleContext): Promise<Report | null>;
}

export function defineSchedule(schedule: Schedule): Schedule {
  return schedule;
}
