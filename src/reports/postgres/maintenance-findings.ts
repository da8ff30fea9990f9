import type { InvalidConstraint, ReplicationInfo, SequenceUsage, TableMaintenance, WraparoundInfo } from '../../probes/postgres.js';
import { qualifiedName } from '../../probes/postgres/sql-values.js';
import type { Finding } from './findings-section.js';
import { formatAge, formatBytes, formatCount, formatPercent } from './format.js';

/** PgHero's overview warns below 1.5 billion transactions left (about 30 % of 2^31 used); pganalyze is critical at 80 %. */
export const WRAPAROUND_WARNING_PERCENT = 30;
export const WRAPAROUND_CRITICAL_PERCENT = 80;
/** PgHero: a sequence past 90 % of its column type is near overflow; at 95 % it is a matter of days on a busy table. */
export const SEQUENCE_WARNING_PERCENT = 90;
export const SEQUENCE_CRITICAL_PERCENT = 95;

export function findDeadTupleProblems(tables: readonly TableMaintenance[]): Finding[] {
  return tables
    .filter((t) => t.flagged)
    .map((t) => {
      const name = qualifiedName(t.schema, t.table);
      return {
        severity: 'warning' as const,
        text: `${name} has ${formatCount(t.deadTuples)} dead tuples (${formatPercent(t.deadPercent)} of its rows)${t.autovacuumEnabled ? '' : '; autovacuum is switched off for it'}`,
        hint: t.autovacuumEnabled
          ? `dead rows slow scans and grow the table: VACUUM (VERBOSE, ANALYZE) ${name}; if it comes back, autovacuum is not keeping up (see bloat)`
          : `turn autovacuum back on (ALTER TABLE ${name} RESET (autovacuum_enabled)) and run VACUUM (VERBOSE, ANALYZE) ${name}`,
      };
    });
}

export function findWraparoundProblems(w: WraparoundInfo | null): Finding[] {
  if (!w) return [];
  const out: Finding[] = [];
  if (w.percent >= WRAPAROUND_WARNING_PERCENT) {
    const oldest = w.oldestTables[0];
    out.push({
      severity: w.percent >= WRAPAROUND_CRITICAL_PERCENT ? 'critical' : 'warning',
      text: `transaction ID wraparound: ${w.database} has used ${formatPercent(w.percent)} of the 2^31 transaction IDs (age ${formatCount(w.xidAge)})`,
      hint: `at 100% PostgreSQL stops accepting writes: ${oldest ? `VACUUM (FREEZE, VERBOSE) ${qualifiedName(oldest.schema, oldest.table)} (oldest table) and the other old tables` : 'VACUUM (FREEZE) the oldest tables'}; look for long transactions and abandoned replication slots that hold vacuum back`,
    });
  } else if (w.freezeMaxAgePercent >= 100) {
    out.push({
      severity: 'info',
      text: `${w.database} is past autovacuum_freeze_max_age (${formatPercent(w.freezeMaxAgePercent)})`,
      hint: 'autovacuum should now be running anti-wraparound vacuums; make sure nothing blocks them (long transactions, locks)',
    });
  }
  return out;
}

export function findSequenceProblems(sequences: readonly SequenceUsage[]): Finding[] {
  return sequences
    .filter((s) => s.usedPercent > SEQUENCE_WARNING_PERCENT)
    .map((s) => ({
      severity: s.usedPercent > SEQUENCE_CRITICAL_PERCENT ? ('critical' as const) : ('warning' as const),
      text: `${qualifiedName(s.schema, s.table)}.${s.column} (${s.columnType}) has used ${formatPercent(s.usedPercent)} of its range (${formatCount(s.lastValue)} of ${formatCount(s.maxValue)})`,
      hint: `inserts fail when it overflows: plan ALTER TABLE ${qualifiedName(s.schema, s.table)} ALTER COLUMN ${s.column} TYPE bigint (rewrites the table: schedule downtime), and the same for the columns that reference it`,
    }));
}

/** PgHero calls a replica healthy under 5 s of replay lag. */
export const REPLICATION_LAG_WARNING_SECONDS = 5;

export function findReplicationProblems(r: ReplicationInfo | null, constraints: readonly InvalidConstraint[]): Finding[] {
  const out: Finding[] = [];
  if (r?.lagSeconds !== null && r?.lagSeconds !== undefined && r.lagSeconds >= REPLICATION_LAG_WARNING_SECONDS) {
    out.push({
      severity: 'warning',
      text: `this replica is ${formatAge(r.lagSeconds)} behind its primary`,
      hint: 'reads here are stale: check the network to the primary and long queries on the replica that pause replay (max_standby_streaming_delay)',
    });
  }
  for (const slot of r?.inactiveSlots ?? []) {
    out.push({
      severity: 'warning',
      text: `replication slot ${slot.slot} (${slot.type}) is inactive${slot.retainedBytes === null ? '' : ` and keeps ${formatBytes(slot.retainedBytes)} of WAL`}`,
      hint: `a slot nobody reads keeps every WAL file and old rows until the disk fills: if its consumer is gone, SELECT pg_drop_replication_slot('${slot.slot}')`,
    });
  }
  for (const c of constraints) {
    out.push({
      severity: 'warning',
      text: `constraint ${c.constraint} on ${qualifiedName(c.schema, c.table)} was added NOT VALID and never validated`,
      hint: `existing rows were never checked against it: ALTER TABLE ${qualifiedName(c.schema, c.table)} VALIDATE CONSTRAINT ${c.constraint}`,
    });
  }
  return out;
}
