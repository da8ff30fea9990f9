import type { TableMaintenanceSummary } from '../../probes/postgres.js';
import type { AutovacuumSettings, VacuumProgress } from '../../probes/postgres/vacuum-progress.js';
import { qualifiedName } from '../../probes/postgres/sql-values.js';
import { worstSeverity, type Report, type Section } from '../report.js';
import { findingsSection, sortFindings, summarizeFindings, type Finding } from './findings-section.js';
import { formatAge, formatCount, formatPercent } from './format.js';
import { findDeadTupleProblems } from './maintenance-findings.js';
import { maintenanceTable } from './maintenance-table.js';

export interface BloatInput {
  database: string;
  tables: TableMaintenanceSummary;
  vacuums: VacuumProgress[];
  autovacuum: AutovacuumSettings;
  thresholds: { deadTuplePercent: number; deadTupleMinimum: number };
  now: number;
}

function autovacuumFindings(input: BloatInput): Finding[] {
  const out: Finding[] = [];
  if (!input.autovacuum.enabled) {
    out.push({
      severity: 'critical',
      text: `autovacuum is off (autovacuum = ${input.autovacuum.values['autovacuum'] ?? '?'}, track_counts = ${input.autovacuum.values['track_counts'] ?? '?'})`,
      hint: 'nothing removes dead rows or freezes old transaction IDs: turn both on in postgresql.conf and reload; until then run VACUUM (ANALYZE) yourself',
    });
  }
  for (const v of input.vacuums.filter((x) => x.indexVacuumCount > 1)) {
    out.push({
      severity: 'info',
      text: `the vacuum of ${v.table} (pid ${v.pid}) has scanned its indexes ${v.indexVacuumCount} times`,
      hint: 'the dead tuples do not fit in maintenance_work_mem (autovacuum_work_mem): raise it so each vacuum reads the indexes once',
    });
  }
  return out;
}

/** `bloat`: dead tuples per table, last (auto)vacuum and analyze, vacuums running now, and what to run. */
export function buildBloatReport(input: BloatInput): Report {
  const findings = sortFindings([...autovacuumFindings(input), ...findDeadTupleProblems(input.tables.tables)]);
  const flagged = input.tables.tables.filter((t) => t.flagged);
  const sections: Section[] = [
    ...findingsSection(findings),
    { title: 'Dead tuples by table', blocks: [maintenanceTable(input.tables.tables.slice(0, 20), input.now)] },
    {
      title: 'Vacuums running now',
      blocks:
        input.vacuums.length === 0
          ? [{ kind: 'text', text: 'No VACUUM is running in this database.' }]
          : [
              {
                kind: 'table',
                columns: [{ label: 'pid', align: 'right' }, { label: 'table' }, { label: 'kind' }, { label: 'phase' }, { label: 'scanned', align: 'right' }, { label: 'index passes', align: 'right' }, { label: 'running', align: 'right' }],
                rows: input.vacuums.map((v) => ({
                  cells: [String(v.pid), v.table, v.autovacuum ? 'autovacuum' : 'manual', v.phase, formatPercent(v.scannedPercent), String(v.indexVacuumCount), v.runningSeconds === null ? '' : formatAge(v.runningSeconds)],
                })),
              },
            ],
    },
    {
      title: 'What to do',
      blocks: [
        ...(flagged.length > 0 ? [{ kind: 'code' as const, text: flagged.map((t) => `VACUUM (VERBOSE, ANALYZE) ${qualifiedName(t.schema, t.table)};`).join('\n') }] : []),
        {
          kind: 'text',
          text: 'VACUUM (VERBOSE, ANALYZE) removes dead tuples and refreshes planner statistics without blocking reads or writes; it does not shrink the files (VACUUM FULL does, but locks the table). The CinemataCMS maintenance guide asks for a weekly "vacuum & analyze": autovacuum normally covers it, and a weekly vacuumdb --all --analyze from cron is a safety net. The bot only reads; an operator runs these.',
        },
        { kind: 'fields', fields: Object.entries(input.autovacuum.values).map(([label, value]) => ({ label, value })) },
      ],
    },
  ];
  return {
    title: `Dead tuples and vacuum (${input.database})`,
    severity: worstSeverity(findings.map((f) => f.severity)),
    summary: summarizeFindings(findings, `No table is over ${input.thresholds.deadTuplePercent}% dead tuples.`),
    sections,
    footnotes: [
      `A table is flagged over ${input.thresholds.deadTuplePercent}% dead tuples with at least ${formatCount(input.thresholds.deadTupleMinimum)} (postgres.deadTuplePercent, postgres.deadTupleMinimum). ${input.tables.flaggedCount} flagged; the 20 tables with the most dead tuples are shown.`,
    ],
    generatedAt: input.now,
  };
}
