import type { TableMaintenance } from '../../probes/postgres.js';
import { qualifiedName } from '../../probes/postgres/sql-values.js';
import type { Block } from '../report.js';
import { formatBytes, formatCount, formatPercent, formatSince } from './format.js';

function latest(manual: number | null, auto: number | null): { at: number | null; auto: boolean } {
  if (manual === null) return { at: auto, auto: auto !== null };
  if (auto === null || manual >= auto) return { at: manual, auto: false };
  return { at: auto, auto: true };
}

function describeLast(manual: number | null, auto: number | null, now: number): string {
  const last = latest(manual, auto);
  return last.at === null ? 'never' : `${formatSince(last.at, now)}${last.auto ? ' (auto)' : ''}`;
}

/** Dead tuples and the last (auto)vacuum and (auto)analyze per table; flagged tables are marked. */
export function maintenanceTable(tables: readonly TableMaintenance[], now: number): Block {
  return {
    kind: 'table',
    columns: [
      { label: 'table' },
      { label: 'dead', align: 'right' },
      { label: 'live', align: 'right' },
      { label: 'dead %', align: 'right' },
      { label: 'size', align: 'right' },
      { label: 'last vacuum' },
      { label: 'last analyze' },
      { label: 'autovacuum' },
    ],
    rows: tables.map((t) => ({
      cells: [
        qualifiedName(t.schema, t.table),
        formatCount(t.deadTuples),
        formatCount(t.liveTuples),
        formatPercent(t.deadPercent),
        formatBytes(t.totalBytes),
        describeLast(t.lastVacuumAt, t.lastAutovacuumAt, now),
        describeLast(t.lastAnalyzeAt, t.lastAutoanalyzeAt, now),
        t.autovacuumEnabled ? 'on' : 'off',
      ],
      severity: t.flagged ? 'warning' : t.autovacuumEnabled ? 'ok' : 'info',
    })),
  };
}
