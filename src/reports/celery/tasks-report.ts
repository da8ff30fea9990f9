import type { LogParseStatus } from '../../celery/task-log-parser.js';
import type { TaskSummary } from '../../celery/task-stats.js';
import type { TaskWindow } from '../../celery/task-stats-store.js';
import { formatDuration } from '../../config/duration.js';
import { SEVERITY_RANK, worstSeverity, type Report, type Section, type Severity, type TableRow } from '../report.js';
import { findingsSection, summarise } from './findings-section.js';
import { clip, formatAgo, formatCount, formatRate, formatSeconds } from './format.js';
import { findParseProblems, findTaskProblems } from './task-findings.js';

export interface TasksInput {
  window: TaskWindow;
  /** The last parse of each worker log. */
  logs: readonly LogParseStatus[];
  logDir: string;
  /** The window asked for, ms. */
  sinceMs: number;
  now: number;
}

const ERRORS_SHOWN = 10;

/** `tasks`: per task name, outcomes and run-time percentiles over a window, worst first, and the latest errors. */
export function buildTasksReport(input: TasksInput): Report {
  const { window, now } = input;
  const taskFindings = findTaskProblems(window.tasks);
  const findings = [...taskFindings, ...findParseProblems(input.logs, input.logDir)].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  const severityOf = (task: string): Severity => worstSeverity(taskFindings.filter((f) => f.text.startsWith(`${task}:`)).map((f) => f.severity));
  const tasks = [...window.tasks].sort((a, b) => SEVERITY_RANK[severityOf(b.task)] - SEVERITY_RANK[severityOf(a.task)] || compareWorstFirst(a, b));
  const sections: Section[] = [];
  if (findings.length > 0) sections.push(findingsSection(findings));
  sections.push({
    title: 'Tasks',
    blocks:
      tasks.length === 0
        ? [{ kind: 'text', text: 'No task lines in the worker logs in this window.' }]
        : [
            {
              kind: 'table',
              columns: ['task', 'received', 'succeeded', 'failed', 'retried', 'soft limit', 'p50', 'p95', 'p99', 'failure rate'].map((label, i) => ({
                label,
                align: i === 0 ? ('left' as const) : ('right' as const),
              })),
              rows: tasks.map((t): TableRow => ({ cells: taskCells(t), severity: severityOf(t.task) })),
            },
          ],
  });
  const errors = [...window.errors].reverse().slice(0, ERRORS_SHOWN);
  if (errors.length > 0) {
    sections.push({
      title: `Latest errors (${errors.length} of ${window.errors.length} kept)`,
      blocks: [{ kind: 'list', items: errors.map((e) => ({ text: clip(`${formatAgo(e.at, now)} ${e.unit}: ${e.message}${e.exception ? ` — ${e.exception}` : ''}`, 300), severity: 'warning' as const })) }],
    });
  }
  const total = tasks.reduce((n, t) => n + t.received, 0);
  return {
    title: `Celery tasks, last ${formatDuration(input.sinceMs)}`,
    severity: worstSeverity(findings.map((f) => f.severity)),
    summary: summarise(findings, `${formatCount(total)} tasks received by the workers, no failures.`),
    sections,
    actions: [
      { id: 'queues', label: 'Queues', command: 'queues' },
      { id: 'workers', label: 'Workers', command: 'workers' },
    ],
    footnotes: [
      `From the worker logs since ${new Date(window.from).toISOString().slice(0, 16).replace('T', ' ')} UTC (ten-minute buckets).`,
      'Run times are of successful runs (Celery logs none for a failure); percentiles by nearest rank, exact up to 4,096 runs, otherwise within 1%.',
      'Failure rate = failed ÷ (succeeded + failed); a retry is not a failure, the task runs again.',
    ],
    generatedAt: now,
  };
}

function taskCells(t: TaskSummary): string[] {
  const approx = t.runtimeExact ? '' : '~';
  const time = (s: number | null) => (s === null ? '—' : `${approx}${formatSeconds(s)}`);
  return [t.task, formatCount(t.received), formatCount(t.succeeded), formatCount(t.failed), formatCount(t.retried), formatCount(t.softTimeLimit), time(t.p50), time(t.p95), time(t.p99), formatRate(t.failureRate)];
}

function compareWorstFirst(a: TaskSummary, b: TaskSummary): number {
  return (b.failureRate ?? 0) - (a.failureRate ?? 0) || b.failed - a.failed || b.softTimeLimit - a.softTimeLimit || b.received - a.received || a.task.localeCompare(b.task);
}
