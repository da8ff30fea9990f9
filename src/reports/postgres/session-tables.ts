import type { Blocker, BlockedQuery, SessionInfo } from '../../probes/postgres.js';
import type { Block, Severity } from '../report.js';
import { formatAge, shortQuery } from './format.js';

function describeBlocker(x: Blocker): string {
  const open = x.transactionSeconds === null ? '' : `, ${formatAge(x.transactionSeconds)} in transaction`;
  return `pid ${x.pid} (${x.state ?? 'state unknown'}${open}${x.waiting ? ', itself waiting' : ''})`;
}

function describeWant(b: BlockedQuery): string {
  return b.waitingFor ? `${b.waitingFor.mode} ${b.waitingFor.lockType}${b.waitingFor.relation ? ` on ${b.waitingFor.relation}` : ''}` : '';
}

/** One row per blocked query: who waits, for what, since when, and who holds it. */
export function blockedTable(blocked: readonly BlockedQuery[]): Block {
  return {
    kind: 'table',
    columns: [{ label: 'pid', align: 'right' }, { label: 'waited', align: 'right' }, { label: 'wants' }, { label: 'blocked by' }, { label: 'blocker query' }, { label: 'blocked query' }],
    rows: blocked.map((b) => ({
      cells: [String(b.pid), formatAge(b.waitSeconds), describeWant(b), b.blockers.map(describeBlocker).join('; '), b.blockers.map((x) => shortQuery(x.query)).join(' | '), shortQuery(b.query)],
      severity: 'warning' as Severity,
    })),
  };
}

/** One blocked query in full, as fields: easier to read in chat than a wide table row. */
export function blockedFields(b: BlockedQuery): Block {
  const who = [b.application, b.user && `user ${b.user}`].filter(Boolean).join(', ');
  return {
    kind: 'fields',
    fields: [
      { label: 'waiting', value: `pid ${b.pid}${who ? ` (${who})` : ''} for ${formatAge(b.waitSeconds)}`, severity: 'warning' },
      { label: 'wants', value: describeWant(b) || 'unknown' },
      { label: 'query', value: shortQuery(b.query) },
      ...b.blockers.flatMap((x) => [
        { label: 'blocked by', value: `${describeBlocker(x)}${x.application ? `, ${x.application}` : ''}${x.user ? `, user ${x.user}` : ''}` },
        { label: 'its query', value: shortQuery(x.query) },
      ]),
    ],
  };
}

/**
 * Sessions with how long they have been at it; rows at or past `limitSeconds` are marked. `duration` names the
 * first age column ("running" for statements, "idle" for idle-in-transaction sessions).
 */
export function sessionTable(sessions: readonly SessionInfo[], duration: string, limitSeconds: number): Block {
  return {
    kind: 'table',
    columns: [
      { label: 'pid', align: 'right' },
      { label: duration, align: 'right' },
      { label: 'transaction', align: 'right' },
      { label: 'application' },
      { label: 'client' },
      { label: 'user' },
      { label: 'query' },
    ],
    rows: sessions.map((s) => ({
      cells: [
        String(s.pid),
        formatAge(s.durationSeconds),
        s.transactionSeconds === null ? '' : formatAge(s.transactionSeconds),
        s.application ?? '',
        s.clientAddress ?? 'local',
        s.user ?? '',
        shortQuery(s.query),
      ],
      severity: s.durationSeconds >= limitSeconds ? ('warning' as Severity) : ('ok' as Severity),
    })),
  };
}
