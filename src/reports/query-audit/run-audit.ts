import type { Config } from '../../config/load-config.js';
import type { AppServices } from '../../dispatch/services.js';
import { requirePostgres } from '../../postgres/require-postgres.js';
import { runStatementsAudit, type StatementsAuditRun } from '../../postgres/statements/run-statements-audit.js';

/** What a report builder needs; a CommandContext and a ScheduleContext both provide it. */
export interface ReportContext {
  config: Config;
  services: AppServices;
  now(): number;
}

/**
 * Audits pg_stat_statements over the window of `lengthMs` that ends now, with the thresholds from config. The fresh
 * reading is kept as a snapshot when postgres.snapshotInterval has passed since the last one, so audits build
 * their own history even before a snapshot schedule runs.
 */
export function auditRecentStatements(ctx: ReportContext, lengthMs: number): Promise<StatementsAuditRun> {
  const { postgres } = ctx.config;
  return runStatementsAudit(
    { postgres: requirePostgres(ctx.services), store: ctx.services.store, now: ctx.now },
    {
      lengthMs,
      thresholds: { slowQueryMs: postgres.slowQueryMs, slowQueryCalls: postgres.slowQueryCalls },
      recordAfterMs: postgres.snapshotInterval,
      timeoutMs: postgres.statementTimeout,
    },
  );
}

/** Footnotes every statements report carries: what is left out, and what the thresholds are. */
export function auditFootnotes(run: StatementsAuditRun, config: Config): string[] {
  const notes = [
    "Statements of the current database only; the bot's own (marked /* cinemata-ops */) are left out of the lists and counted on their own.",
    `Total = execution + planning time. Slow: mean ≥ ${config.postgres.slowQueryMs} ms and ≥ ${config.postgres.slowQueryCalls} calls (postgres.slowQueryMs, postgres.slowQueryCalls). Regression: mean up ≥ 50% with ≥ ${run.regressionMinCalls} calls in both windows.`,
  ];
  if (run.recorded) notes.push(`This reading was kept as a snapshot (${run.snapshotCount} kept: hourly for 48 h, daily for 35 days).`);
  return notes;
}
