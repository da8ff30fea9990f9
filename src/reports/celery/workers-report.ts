import type { Config } from '../../config/load-config.js';
import type { Finding } from '../health/findings.js';
import { SEVERITY_RANK, worstSeverity, type Report, type Section, type Severity, type TableRow } from '../report.js';
import { findingsSection, summarise } from './findings-section.js';
import { formatAge, formatAgo, formatCount, formatWait } from './format.js';
import { findWorkerProblems, type WorkerView } from './worker-findings.js';

export interface WorkersInput {
  workers: WorkerView[];
  /** Why queue depths are missing (broker not configured or unreachable), or null. */
  brokerNote: string | null;
  /** Why systemd states are unknown, or null. */
  systemdNote: string | null;
  /** Why log states are missing, or null. */
  logsNote: string | null;
  config: Config;
  now: number;
}

/** `workers`: each Celery unit's systemd state, its log's last line, beat's freshness and the queue it drains. */
export function buildWorkersReport(input: WorkersInput): Report {
  const { workers, config, now } = input;
  const perWorker = workers.map((w) => findWorkerProblems(w, config, now));
  const findings: Finding[] = perWorker.flat();
  if (workers.every((w) => w.log !== null && !w.log.exists && !w.log.error)) {
    findings.push({ severity: 'info', text: `no Celery logs in ${config.celery.logDir}`, hint: 'set celery.logDir in cinemata-ops.yaml to where CELERYD_LOG_FILE points' });
  }
  findings.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  const sections: Section[] = [];
  if (findings.length > 0) sections.push(findingsSection(findings));
  const notes = [input.systemdNote && `systemd: ${input.systemdNote}`, input.brokerNote && `queues: ${input.brokerNote}`, input.logsNote && `logs: ${input.logsNote}`].filter(
    (n): n is string => typeof n === 'string',
  );
  sections.push({
    title: 'Workers',
    blocks: [
      {
        kind: 'table',
        columns: [
          { label: 'unit' },
          { label: 'state' },
          { label: 'since', align: 'right' },
          { label: 'restarts', align: 'right' },
          { label: 'consumes' },
          { label: 'waiting', align: 'right' },
          { label: 'oldest wait', align: 'right' },
          { label: 'last log line', align: 'right' },
          { label: 'beat: last due task', align: 'right' },
        ],
        rows: workers.map((w, i) => workerRow(w, perWorker[i] ?? [], now)),
      },
      ...notes.map((text) => ({ kind: 'text' as const, text })),
    ],
  });
  const up = workers.filter((w) => w.status?.state === 'active').length;
  return {
    title: 'Celery workers',
    severity: worstSeverity(findings.map((f) => f.severity)),
    summary: summarise(findings, `${up} of ${workers.length} units active; nothing needs attention.`),
    sections,
    actions: [
      { id: 'queues', label: 'Queues', command: 'queues' },
      { id: 'tasks', label: 'Tasks (24h)', command: 'tasks' },
    ],
    footnotes: [
      `A worker is suspect when work waits and its log stays silent past ${config.celery.oldestWaitSeconds.warning}/${config.celery.oldestWaitSeconds.critical} s; beat must send a due task at least every ${formatAge(config.celery.beatStaleAfter / 1000)}.`,
      "Celery's log handler reopens its file after logrotate renames it; a rotated file that keeps changing means a process still holds it.",
    ],
    generatedAt: now,
  };
}

function workerRow(w: WorkerView, mine: readonly Finding[], now: number): TableRow {
  const u = w.status;
  const q = w.queueState;
  const log = w.log;
  const lastLine = log === null ? 'n/a' : log.error ? 'unreadable' : !log.exists ? 'no log file' : log.lastLineAt === null ? 'no dated line' : formatAgo(log.lastLineAt, now);
  const waiting = w.queue === null ? '—' : q === null ? 'n/a' : formatCount(q.depth);
  const oldest = q === null || q.depth === 0 ? '' : q.oldest ? formatWait(q.oldest.ageSeconds, q.oldest.atLeast) : 'n/a';
  const due = w.queue !== null ? '' : log?.lastDueTask ? formatAgo(log.lastDueTask.at, now) : 'none found';
  const severity: Severity = mine.length > 0 ? worstSeverity(mine.map((f) => f.severity)) : u?.state === 'active' ? 'ok' : 'info';
  return {
    cells: [
      w.unit,
      u === null ? 'n/a' : u.subState ? `${u.state} (${u.subState})` : u.state,
      u?.since == null ? '' : `${formatAge((now - u.since) / 1000)} ago`,
      u?.restarts == null ? '' : String(u.restarts),
      w.queue ?? 'beat (schedules)',
      waiting,
      oldest,
      lastLine,
      due,
    ],
    severity,
  };
}
