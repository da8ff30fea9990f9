import type { BlockedQuery } from '../../probes/postgres.js';
import type { SessionLock } from '../../probes/postgres/session-locks.js';
import { worstSeverity, type Report, type Section } from '../report.js';
import { findingsSection, sortFindings, summarizeFindings } from './findings-section.js';
import { blockedFields, blockedTable } from './session-tables.js';
import { findBlockedProblems } from './session-findings.js';

const BLOCKED_IN_FULL = 5;

export interface LocksInput {
  database: string;
  blocked: BlockedQuery[];
  locks: SessionLock[];
  now: number;
}

/** `locks`: who waits for whom right now, for which lock on which table, and how long. */
export function buildLocksReport(input: LocksInput): Report {
  const findings = sortFindings(findBlockedProblems(input.blocked));
  const blockers = new Set(input.blocked.flatMap((b) => b.blockers.map((x) => x.pid)));
  const waiting = new Set(input.blocked.map((b) => b.pid));
  const sections: Section[] = [...findingsSection(findings)];
  if (input.blocked.length === 0) {
    sections.push({ title: 'Blocked queries', blocks: [{ kind: 'text', text: 'No query is waiting for a lock.' }] });
  } else {
    // A few blocked queries read best one by one; a pile-up (a migration holding a table) reads best as a table.
    if (input.blocked.length <= BLOCKED_IN_FULL) {
      input.blocked.forEach((b, i) => sections.push({ title: `Blocked query ${i + 1} of ${input.blocked.length}`, severity: 'warning', blocks: [blockedFields(b)] }));
    } else {
      sections.push({ title: 'Blocked queries', severity: 'warning', blocks: [blockedTable(input.blocked)] });
    }
    sections.push({
      title: 'Locks of these sessions',
      blocks: [
        {
          kind: 'table',
          columns: [{ label: 'pid', align: 'right' }, { label: 'session' }, { label: 'lock' }, { label: 'mode' }, { label: 'granted' }, { label: 'on' }],
          rows: input.locks.map((l) => ({
            cells: [String(l.pid), roleOf(l.pid, waiting, blockers), l.lockType, l.mode, l.granted ? 'held' : 'waiting', l.target ?? ''],
            severity: l.granted ? 'ok' : 'warning',
          })),
          caption: 'Index locks are left out: every write locks all indexes of its table.',
        },
      ],
    });
  }
  return {
    title: `Locks on ${input.database}`,
    severity: worstSeverity(findings.map((f) => f.severity)),
    summary: summarizeFindings(findings, 'No query is waiting for a lock.'),
    sections,
    footnotes: ['Live reading of pg_locks and pg_stat_activity (pg_blocking_pids). The bot never ends a session: pg_terminate_backend is advice for an operator.'],
    generatedAt: input.now,
  };
}

function roleOf(pid: number, waiting: ReadonlySet<number>, blockers: ReadonlySet<number>): string {
  if (waiting.has(pid) && blockers.has(pid)) return 'waits and blocks';
  return blockers.has(pid) ? 'blocks' : 'waits';
}
