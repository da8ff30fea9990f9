import type { PgQuery } from '../../postgres/pg-client.js';
import type { InvalidConstraint, ReplicationInfo } from './detail.js';
import { toNumberOrNull } from './sql-values.js';

/**
 * PgHero's replication checks: on a replica, how far replay lags behind; on any server, replication slots nobody
 * consumes (an inactive slot keeps every WAL segment since its restart_lsn and holds back vacuum's xmin horizon).
 */
export async function readReplication(query: PgQuery): Promise<ReplicationInfo> {
  const [state] = await query<{ in_recovery: boolean; lag_seconds: number | null }>(
    `SELECT pg_is_in_recovery() AS in_recovery,
            CASE WHEN pg_is_in_recovery() THEN extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8 END AS lag_seconds`,
  );
  const slots = await query<{ slot_name: string; slot_type: string; database: string | null; retained_bytes: number | null }>(
    `SELECT slot_name, slot_type, database,
            CASE WHEN NOT pg_is_in_recovery() AND restart_lsn IS NOT NULL THEN pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::float8 END AS retained_bytes
       FROM pg_replication_slots WHERE NOT active ORDER BY slot_name`,
  );
  return {
    inRecovery: state?.in_recovery ?? false,
    lagSeconds: toNumberOrNull(state?.lag_seconds),
    inactiveSlots: slots.map((s) => ({ slot: s.slot_name, type: s.slot_type, database: s.database, retainedBytes: toNumberOrNull(s.retained_bytes) })),
  };
}

/** Constraints added NOT VALID and never validated: existing rows were not checked (PgHero's "invalid constraints"). */
export async function readInvalidConstraints(query: PgQuery): Promise<InvalidConstraint[]> {
  const rows = await query<{ schema: string; table: string; constraint: string }>(
    `SELECT n.nspname AS schema, c.relname AS table, con.conname AS constraint
       FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE NOT con.convalidated AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      ORDER BY 1, 2, 3 LIMIT 50`,
  );
  return rows.map((r) => ({ schema: r.schema, table: r.table, constraint: r.constraint }));
}
