import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { Report } from '../reports/report.js';
import type { Store } from '../store/store.js';
import type { Schedule, ScheduleContext } from './schedule.js';

export interface SchedulerDeps {
  schedules: readonly Schedule[];
  config: Config;
  store: Store;
  log: Logger;
  /** This instance's name for the leader lease. */
  instance: string;
  context: Omit<ScheduleContext, 'log'>;
  /** Hands a finished report over for delivery (the outbox). */
  deliver(scheduleId: string, report: Report): void;
}

export interface Scheduler {
  start(): void;
  stop(): Promise<void>;
  /** Runs one schedule now, as the cron would (lease, overlap guard, delivery). Returns false when skipped. */
  runNow(id: string): Promise<boolean>;
  /** id → next run (epoch ms), for `version`/`status`-style output. */
  nextRuns(): Record<string, number | null>;
}

/** Checks ids, crons and timezones once at startup. */
export function validateSchedules(schedules: readonly Schedule[], config: Config): void {
  const seen = new Set<string>();
  for (const schedule of schedules) {
    if (!/^[a-z][a-z0-9-]*$/.test(schedule.id)) throw new Error(`schedule id "${schedule.id}" must be kebab-case`);
    if (seen.has(schedule.id)) throw new Error(`two schedules have the id "${schedule.id}"`);
    seen.add(schedule.id);
    const expression = config.schedules[schedule.id]?.cron ?? schedule.cron;
    if (!cron.validate(expression)) throw new Error(`schedule "${schedule.id}": "${expression}" is not a valid cron expression`);
  }
  for (const id of Object.keys(config.schedules)) {
    if (!seen.has(id)) throw new Error(`schedules.${id} in the config names no schedule (known: ${[...seen].join(', ')})`);
  }
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  validateSchedules(deps.schedules, deps.config);
  const log = deps.log.child({ component: 'scheduler' });
  const tasks = new Map<string, ScheduledTask>();
  const running = new Set<string>();

  async function runSchedule(schedule: Schedule): Promise<boolean> {
    // The lease makes one instance of several fire; running guards against a slow run overlapping the next.
    if (running.has(schedule.id)) {
      log.warn({ schedule: schedule.id }, 'previous run still going; skipped');
      return false;
    }
    const now = deps.context.now();
    if (!deps.store.tryLease(`schedule:${schedule.id}`, deps.instance, now, now + 60_000)) {
      log.info({ schedule: schedule.id }, 'another instance holds the lease; skipped');
      return false;
    }
    running.add(schedule.id);
    const started = Date.now();
    try {
      const report = await schedule.run({ ...deps.context, log: log.child({ schedule: schedule.id }) });
      if (report) deps.deliver(schedule.id, report);
      deps.store.setState(`schedule:${schedule.id}:last`, { at: deps.context.now(), ok: true, delivered: report !== null });
      log.info({ schedule: schedule.id, ms: Date.now() - started, delivered: report !== null }, 'schedule ran');
      return true;
    } catch (error) {
      deps.store.setState(`schedule:${schedule.id}:last`, { at: deps.context.now(), ok: false, error: String(error) });
      log.error({ err: error, schedule: schedule.id }, 'schedule failed');
      return true;
    } finally {
      running.delete(schedule.id);
    }
  }

  return {
    start() {
      for (const schedule of deps.schedules) {
        const override = deps.config.schedules[schedule.id];
        if (override?.enabled === false) continue;
        const task = cron.schedule(override?.cron ?? schedule.cron, () => runSchedule(schedule), {
          name: schedule.id,
          timezone: override?.timezone ?? schedule.timezone ?? deps.config.timezone,
          noOverlap: true,
        });
        tasks.set(schedule.id, task);
      }
      log.info({ schedules: [...tasks.keys()] }, 'scheduler started');
    },
    async stop() {
      await Promise.all([...tasks.values()].map((task) => task.destroy()));
      tasks.clear();
    },
    async runNow(id) {
      const schedule = deps.schedules.find((s) => s.id === id);
      if (!schedule) throw new Error(`no schedule named "${id}"`);
      return runSchedule(schedule);
    },
    nextRuns() {
      const out: Record<string, number | null> = {};
      for (const [id, task] of tasks) out[id] = task.getNextRun()?.getTime() ?? null;
      return out;
    },
  };
}
