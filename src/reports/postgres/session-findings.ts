import type { Config } from '../../config/load-config.js';
import type { BlockedQuery, ConnectionSummary, SessionInfo } from '../../probes/postgres.js';
import type { Finding } from './findings-section.js';
import { formatAge, formatPercent, shortQuery } from './format.js';

type PostgresSettings = Config['postgres'];

/** pganalyze warns on a query blocked for 5 minutes; a shorter wait is already worth a look, as a warning. */
const BLOCKED_CRITICAL_SECONDS = 300;
/** How many sessions are named one by one before the rest are counted. */
const NAMED = 3;

function describeBlockers(b: BlockedQuery): string {
  return b.blockers
    .map((x) => `pid ${x.pid} (${x.state ?? 'state unknown'}${x.transactionSeconds === null ? '' : `, transaction open ${formatAge(x.transactionSeconds)}`}): ${shortQuery(x.query, 120)}`)
    .join('; ');
}

export function findBlockedProblems(blocked: readonly BlockedQuery[]): Finding[] {
  const out: Finding[] = blocked.slice(0, NAMED).map((b) => {
    const wants = b.waitingFor ? ` for ${b.waitingFor.mode} (${b.waitingFor.lockType})${b.waitingFor.relation ? ` on ${b.waitingFor.relation}` : ''}` : '';
    const pids = b.blockers.map((x) => x.pid).join(', ');
    return {
      severity: b.waitSeconds >= BLOCKED_CRITICAL_SECONDS ? 'critical' : 'warning',
      text: `pid ${b.pid} has waited ${formatAge(b.waitSeconds)}${wants}: ${shortQuery(b.query, 120)}; blocked by ${describeBlockers(b)}`,
      hint: `the blocker keeps its locks until its transaction ends: find who runs pid ${pids} (locks, connections) and let it commit or roll back; if it is stuck, an operator can end it with SELECT pg_terminate_backend(${b.blockers[0]?.pid ?? 'pid'})`,
    };
  });
  if (blocked.length > NAMED) {
    out.push({ severity: 'warning', text: `${blocked.length - NAMED} more queries are waiting for locks`, hint: 'see locks for all of them and their blockers' });
  }
  return out;
}

export function findLongQueryProblems(sessions: readonly SessionInfo[], settings: PostgresSettings): Finding[] {
  const critical = (10 * settings.longQuery) / 1_000;
  return sessions.slice(0, NAMED).map((s) => ({
    severity: s.durationSeconds >= critical ? 'critical' : 'warning',
    text: `pid ${s.pid} (${s.application ?? s.user ?? 'unknown client'}) has run one statement for ${formatAge(s.durationSeconds)}: ${shortQuery(s.query, 120)}`,
    hint: `EXPLAIN it to see why it is slow; if it is a runaway, an operator can cancel it with SELECT pg_cancel_backend(${s.pid})`,
  }));
}

/** Sessions idle in a transaction past postgres.idleInTransaction; critical at six times that (pganalyze: 30 → 60 min). */
export function findIdleTransactionProblems(sessions: readonly SessionInfo[], settings: PostgresSettings): Finding[] {
  const limit = settings.idleInTransaction / 1_000;
  const over = sessions.filter((s) => s.durationSeconds >= limit);
  return over.slice(0, NAMED).map((s) => ({
    severity: s.durationSeconds >= 6 * limit ? 'critical' : 'warning',
    text: `pid ${s.pid} (${s.application ?? s.user ?? 'unknown client'}${s.clientAddress ? ` from ${s.clientAddress}` : ''}) has been idle in a transaction for ${formatAge(s.durationSeconds)}; last statement: ${shortQuery(s.query, 120)}`,
    hint: `an open transaction keeps its locks and stops vacuum from removing dead rows: fix the client that does not commit; an operator can end it with SELECT pg_terminate_backend(${s.pid})`,
  }));
}

export function findConnectionProblems(c: ConnectionSummary, settings: PostgresSettings): Finding[] {
  const pair = settings.connections;
  if (c.max <= 0 || c.usedPercent < pair.warning) return [];
  const idle = c.byState['idle'] ?? 0;
  return [
    {
      severity: c.usedPercent >= pair.critical ? 'critical' : 'warning',
      text: `${c.total} of ${c.max} connections in use (${formatPercent(c.usedPercent)}; ${c.reserved} are kept for superusers)`,
      hint: `new connections fail with "too many clients" at the limit: ${idle} are idle; see connections for who holds them (uWSGI processes × threads, Celery concurrency); a pooler such as PgBouncer keeps the count down`,
    },
  ];
}
