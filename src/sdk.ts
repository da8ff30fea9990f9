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
