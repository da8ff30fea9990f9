import { formatDuration } from '../../config/duration.js';
import type { Config } from '../../config/load-config.js';
import type { ConnectionSummary, SessionInfo } from '../../probes/postgres.js';
import type { ConnectionSource } from '../../probes/postgres/connection-sources.js';
import { worstSeverity, type Report, type Section } from '../report.js';
import { findingsSection, sortFindings, summarizeFindings, type Finding } from './findings-section.js';
import { formatAge, formatPercent } from './format.js';
import { sessionTable } from './session-tables.js';
import { findConnectionProblems, findIdleTransactionProblems, findLongQueryProblems } from './session-findings.js';

export interface ConnectionsInput {
  database: string;
  role: string;
  summary: ConnectionSummary;
  sources: ConnectionSource[];
  idleInTransaction: SessionInfo[];
  longQueries: SessionInfo[];
  settings: Config['postgres'];
  now: number;
}

/** `connections`: slots used against max_connections, who holds them, and who sits in an open transaction. */
export function buildConnectionsReport(input: ConnectionsInput): Report {
  const { summary: c, settings } = input;
  const findings: Finding[] = sortFindings([
    ...findConnectionProblems(c, settings),
    ...findIdleTransactionProblems(input.idleInTransaction, settings),
    ...findLongQueryProblems(input.longQueries, settings),
    ...(c.hidden > 0
      ? [{ severity: 'info' as const, text: `${c.hidden} sessions of other roles are hidden from ${input.role}`, hint: `their state and query read "<insufficient privilege>": GRANT pg_read_all_stats TO ${input.role}` }]
      : []),
  ]);
  const usage = c.usedPercent >= settings.connections.critical ? 'critical' : c.usedPercent >= settings.connections.warning ? 'warning' : 'ok';
  const sections: Section[] = [
    ...findingsSection(findings),
    {
      title: 'Connections',
      blocks: [
        {
          kind: 'fields',
          fields: [
            { label: 'in use', value: `${c.total} of max_connections ${c.max} (${formatPercent(c.usedPercent)}); ${c.reserved} kept for superusers`, severity: usage },
            ...Object.entries(c.byState).filter(([, n]) => n > 0).map(([state, n]) => ({ label: state, value: String(n) })),
          ],
        },
      ],
    },
    {
      title: 'By application and client',
      blocks: [
        {
          kind: 'table',
          columns: [{ label: 'application' }, { label: 'client' }, { label: 'user' }, { label: 'database' }, { label: 'total', align: 'right' }, { label: 'active', align: 'right' }, { label: 'idle', align: 'right' }, { label: 'idle in tx', align: 'right' }, { label: 'oldest', align: 'right' }],
          rows: input.sources.map((s) => ({
            cells: [s.application, s.client, s.user, s.database, String(s.total), String(s.active), String(s.idle), String(s.idleInTransaction), s.oldestSeconds === null ? '' : formatAge(s.oldestSeconds)],
            severity: s.idleInTransaction > 0 ? 'info' : 'ok',
          })),
        },
      ],
    },
    {
      title: `Idle in transaction (${input.database})`,
      blocks: input.idleInTransaction.length === 0 ? [{ kind: 'text', text: 'No session is idle inside a transaction.' }] : [sessionTable(input.idleInTransaction, 'idle', settings.idleInTransaction / 1_000)],
    },
  ];
  if (input.longQueries.length > 0) sections.push({ title: 'Long-running queries', blocks: [sessionTable(input.longQueries, 'running', settings.longQuery / 1_000)] });
  return {
    title: `Connections to PostgreSQL (${input.database})`,
    severity: worstSeverity(findings.map((f) => f.severity)),
    summary: summarizeFindings(findings, `${c.total} of ${c.max} connections in use (${formatPercent(c.usedPercent)}).`),
    sections,
    footnotes: [
      `Counts are for the whole server (max_connections is per server); sessions and queries are this database's, without the bot's own. Warning/critical at ${settings.connections.warning}/${settings.connections.critical}% of max_connections; idle in transaction from ${formatDuration(settings.idleInTransaction)}.`,
    ],
    generatedAt: input.now,
  };
}
