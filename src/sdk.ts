/**
 * The one module that `commands/` and `schedules/` import. It keeps those folders thin: they see the contracts
 * and helpers, never the internals they are wired to.
 */
export type { Command, CommandContext, OptionSpec, OptionSpecs, OptionValues } from './dispatch/command.js';
export { defineCommand } from './dispatch/command.js';
export type { Invocation, Platform } from './dispatch/invocation.js';
export type { AppServices } from './dispatch/services.js';
export type { Schedule, ScheduleContext } from './scheduler/schedule.js';
export { defineSchedule } from './scheduler/schedule.js';
export type { Block, Field, Report, ReportAction, Section, Series, Severity, TableRow } from './reports/report.js';
export { worstSeverity } from './reports/report.js';
export { UserError } from './errors.js';
export { formatDuration } from './config/duration.js';
export { suggest } from './dispatch/suggest.js';
export { buildCommandHelpReport, buildCommandListReport } from './reports/help-report.js';
export { buildConfigReport } from './reports/config-report.js';
export { collectHealthReport } from './reports/health/collect-health.js';
export { collectSlowQueriesReport } from './reports/query-audit/slow-queries-report.js';
export { RANKINGS } from './reports/query-audit/statement-sections.js';
export { collectExplainReport } from './reports/query-audit/explain-report.js';
export { EXPLAIN_TARGETS } from './postgres/explain/explain-targets.js';
export { REPORT_BUILDERS, findReportBuilder, type ReportBuilder, type ReportContext } from './reports/registry.js';
export { takeStatementsSnapshot } from './postgres/statements/take-snapshot.js';
export { buildOncallReport } from './escalation/oncall-report.js';
export { collectDbReport } from './reports/postgres/collect-db.js';
export { collectLocksReport } from './reports/postgres/collect-locks.js';
export { collectConnectionsReport } from './reports/postgres/collect-connections.js';
export { collectBloatReport } from './reports/postgres/collect-bloat.js';
export { collectIndexesReport } from './reports/postgres/collect-indexes.js';
export { collectEncodingsReport } from './reports/encodings/collect-encodings.js';
export { collectEncodingDetailReport } from './reports/encodings/collect-encoding-detail.js';
export { buildEncodingFailuresReport } from './reports/encodings/encoding-failures-report.js';
export { collectQueuesReport } from './reports/celery/collect-queues.js';
export { collectWorkersReport } from './reports/celery/collect-workers.js';
export { collectTasksReport } from './reports/celery/collect-tasks.js';
export { showAlerts, acknowledge, createSilence, endSilence, showRunbook, type Actor } from './alerts/alert-actions.js';
export { buildSilencesReport } from './alerts/alert-views.js';
