import type { PgQuery } from '../../postgres/pg-client.js';
import { toNumber, toNumberOrNull } from './sql-values.js';

/** A VACUUM running now (pg_stat_progress_vacuum), manual or autovacuum. */
export interface VacuumProgress {
  pid: number;
  table: string;
  phase: string;
  /** Heap blocks scanned ÷ total × 100; null when the total is not known yet. */
  scannedPercent: number | null;
  /** Rounds over the indexes so far: more than one means maintenance_work_mem is too small for the dead tuples. */
  indexVacuumCount: number;
  /** Since the vacuum's transaction began; null when hidden. */
  runningSeconds: number | null;
  autovacuum: boolean;
}

export interface AutovacuumSettings {
  /** `autovacuum` (on/off), autovacuum_vacuum_scale_factor, _threshold, naptime, max_workers, track_counts. */
  values: Record<string, string>;
  enabled: boolean;
}

export async function readVacuumProgress(query: PgQuery): Promise<VacuumProgress[]> {
  const rows = await query<{ pid: number; table: string; phase: string; total: number; scanned: number; index_vacuum_count: number; seconds: number | null; auto: boolean | null }>(
    `SELECT p.pid, p.relid::regclass::text AS table, p.phase, p.heap_blks_total::float8 AS total, p.heap_blks_scanned::float8 AS scanned,
            p.index_vacuum_count::float8 AS index_vacuum_count,
            extract(epoch FROM clock_timestamp() - a.xact_start)::float8 AS seconds, a.backend_type = 'autovacuum worker' AS auto
       FROM pg_stat_progress_vacuum p LEFT JOIN pg_stat_activity a ON a.pid = p.pid
      WHERE p.datname = current_database() ORDER BY seconds DESC NULLS LAST`,
  );
  return rows.map((r) => ({
    pid: r.pid,
    table: r.table,
    phase: r.phase,
    scannedPercent: toNumber(r.total) > 0 ? (100 * toNumber(r.scanned)) / toNumber(r.total) : null,
    indexVacuumCount: toNumber(r.index_vacuum_count),
    runningSeconds: toNumberOrNull(r.seconds),
    autovacuum: r.auto === true,
  }));
}

export async function readAutovacuumSettings(query: PgQuery): Promise<AutovacuumSettings> {
  const rows = await query<{ name: string; setting: string; unit: string | null }>(
    `SELECT name, setting, unit FROM pg_settings
      WHERE name IN ('autovacuum', 'track_counts', 'autovacuum_vacuum_scale_factor', 'autovacuum_vacuum_threshold', 'autovacuum_naptime', 'autovacuum_max_workers')
      ORDER BY name`,
  );
  const values = Object.fromEntries(rows.map((r) => [r.name, r.unit ? `${r.setting}${r.unit}` : r.setting]));
  // Autovacuum needs the statistics collector's counts too; with track_counts off it silently never runs.
  return { values, enabled: values['autovacuum'] === 'on' && values['track_counts'] !== 'off' };
}
