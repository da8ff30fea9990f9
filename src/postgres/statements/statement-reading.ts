/**
 * One reading of pg_stat_statements for the current database. Counters are cumulative since the entry was created
 * or the statistics were last reset; audits work on the difference between two readings.
 */

/** Cumulative counters of one pg_stat_statements entry. Times are milliseconds. */
export interface StatementCounters {
  /** `userid:queryid:toplevel`, unique within one database (pg_stat_statements keys on dbid too). */
  key: string;
  userid: number;
  /** A signed 64-bit integer, kept as text because it does not fit a JavaScript number. */
  queryid: string;
  /** False for statements run inside a function or an EXPLAIN (pg_stat_statements.track = all). */
  toplevel: boolean;
  calls: number;
  execMs: number;
  /** Zero unless pg_stat_statements.track_planning is on. */
  planMs: number;
  rows: number;
  sharedHit: number;
  sharedRead: number;
  tempWritten: number;
}

export interface StatementsReading {
  /** Epoch ms, by the bot's clock. */
  at: number;
  /** pg_database.oid of the database the entries belong to. */
  dbid: number;
  /** pg_stat_statements_info.stats_reset in epoch ms; null before extension 1.9 (PostgreSQL 14). */
  statsReset: number | null;
  /** pg_stat_statements_info.dealloc: entries evicted because pg_stat_statements.max was reached; null before 1.9. */
  dealloc: number | null;
  entries: StatementCounters[];
  /**
   * Other roles' entries pg_stat_statements hid (queryid and text withheld) because the bot's role lacks
   * pg_read_all_stats; they cannot be audited. Not stored in snapshots.
   */
  hidden?: number | undefined;
}

/** The three parts of a pg_stat_statements row that identify it within one database. */
export function statementKey(userid: number, queryid: string, toplevel: boolean): string {
  return `${userid}:${queryid}:${toplevel ? 1 : 0}`;
}
