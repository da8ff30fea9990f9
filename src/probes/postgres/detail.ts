/**
 * What the postgres probe read, for `db` and the alert rules. Durations are seconds, sizes bytes, shares 0–100.
 * Query texts are cut to QUERY_TEXT_LIMIT characters here already; reports cut them again for chat.
 */
export interface PostgresDetail {
  /** `host:port/database`, never the password. */
  target: string;
  database: string;
  serverVersion: string;
  /** The role the bot connects as, for grant advice. */
  role: string;
  connections: ConnectionSummary;
  /** Statements running at least `postgres.longQuery`, longest first; the bot's own sessions are left out. */
  longQueries: SessionInfo[];
  /** Sessions idle inside an open transaction, longest idle first (all of them, not only those over the limit). */
  idleInTransaction: SessionInfo[];
  /** Age of the oldest open transaction of another session in this database; null when none is open. */
  oldestTransactionSeconds: number | null;
  blocked: BlockedQuery[];
  stats: DatabaseStats;
  tables: TableMaintenanceSummary;
  indexes: IndexHealth;
  missingIndexes: MissingIndexSummary;
  wraparound: WraparoundInfo | null;
  sequences: SequenceUsage[];
  /** Null when it could not be read. */
  replication: ReplicationInfo | null;
  invalidConstraints: InvalidConstraint[];
  latency: LatencyInfo;
  /** Checks that could not run (a missing extension or grant), with why; the rest of the reading stands. */
  degraded: DegradedCheck[];
  /** Epoch ms. */
  collectedAt: number;
}

export interface DegradedCheck {
  check: string;
  reason: string;
}

export interface ConnectionSummary {
  /** Client backends of the whole cluster by state (`active`, `idle`, `idle in transaction`, …; `unknown` when hidden). */
  byState: Record<string, number>;
  total: number;
  max: number;
  /** Slots kept for superusers (superuser_reserved_connections). */
  reserved: number;
  usedPercent: number;
  /** Sessions of other roles whose state and query the bot may not see (no pg_read_all_stats). */
  hidden: number;
}

export interface SessionInfo {
  pid: number;
  user: string | null;
  application: string | null;
  clientAddress: string | null;
  state: string | null;
  query: string;
  /** Since the current statement started (active) or since the session went idle (idle in transaction). */
  durationSeconds: number;
  /** Since the transaction began; null outside a transaction. */
  transactionSeconds: number | null;
  waitEvent: string | null;
}

export interface LockTarget {
  /** pg_locks.locktype: relation, transactionid, tuple, … */
  lockType: string;
  mode: string;
  /** The table or index, when PostgreSQL can tell (a row lock names the table through its tuple lock). */
  relation: string | null;
}

export interface BlockedQuery {
  pid: number;
  user: string | null;
  application: string | null;
  query: string;
  /** How long it has waited for the lock (pg_locks.waitstart), or since its statement began when unknown. */
  waitSeconds: number;
  waitingFor: LockTarget | null;
  blockers: Blocker[];
}

export interface Blocker {
  pid: number;
  user: string | null;
  application: string | null;
  state: string | null;
  query: string;
  /** Age of the blocker's transaction; null when unknown. */
  transactionSeconds: number | null;
  /** Whether the blocker is itself waiting for a lock (a chain). */
  waiting: boolean;
}

export interface DatabaseStats {
  /** pg_stat_database.deadlocks: a counter since the last stats reset. */
  deadlocks: number;
  /** Shares of heap and index block reads served from shared buffers; null before any read. */
  tableCacheHitPercent: number | null;
  indexCacheHitPercent: number | null;
  sizeBytes: number;
  /** Epoch ms of the last statistics reset; "unused" and "index use" mean "since then". Null if never reset. */
  statsResetAt: number | null;
}

export interface TableMaintenance {
  schema: string;
  table: string;
  liveTuples: number;
  deadTuples: number;
  /** dead ÷ (live + dead) × 100; null for an empty table. */
  deadPercent: number | null;
  /** Over postgres.deadTuplePercent with at least postgres.deadTupleMinimum dead tuples. */
  flagged: boolean;
  lastVacuumAt: number | null;
  lastAutovacuumAt: number | null;
  lastAnalyzeAt: number | null;
  lastAutoanalyzeAt: number | null;
  modifiedSinceAnalyze: number;
  totalBytes: number;
  /** False when autovacuum_enabled = false is set on the table. */
  autovacuumEnabled: boolean;
}

export interface TableMaintenanceSummary {
  /** How many tables are flagged (the list below may be cut). */
  flaggedCount: number;
  /** Flagged tables first, then the most dead tuples; at most 50. */
  tables: TableMaintenance[];
}

export interface IndexRef {
  schema: string;
  table: string;
  index: string;
  sizeBytes: number;
  /** pg_get_indexdef, e.g. `CREATE INDEX … USING btree (user_id)`. */
  definition: string;
}

export interface DuplicateIndex {
  unneeded: IndexRef;
  coveredBy: IndexRef;
}

export interface IndexHealth {
  /** No scans since the stats reset, not unique or primary, at least postgres.unusedIndexMegabytes. */
  unused: IndexRef[];
  duplicate: DuplicateIndex[];
  /** Left behind by a failed CREATE INDEX CONCURRENTLY (not one being built now). */
  invalid: IndexRef[];
}

export interface ColumnSuggestion {
  column: string;
  /** `CREATE INDEX CONCURRENTLY …`: advice only, the bot never runs DDL. */
  statement: string;
  /** pg_stat_statements calls and total time of the statements filtering on the column. */
  calls: number;
  totalMs: number;
  /** The heaviest of those statements, normalized ($1), cut short. */
  exampleQuery: string;
}

export interface MissingIndexCandidate {
  schema: string;
  table: string;
  /** Estimated rows (n_live_tup, or reltuples when statistics were reset). */
  rows: number;
  sequentialScans: number;
  indexScans: number;
  /** 100 × idx_scan ÷ (seq_scan + idx_scan). */
  indexUsePercent: number;
  /** Null without pg_stat_statements, or when no statement filters on an unindexed column. */
  suggestion: ColumnSuggestion | null;
}

export interface MissingIndexSummary {
  candidates: MissingIndexCandidate[];
  /** Whether pg_stat_statements could be read to suggest columns. */
  statementsAvailable: boolean;
}

export interface WraparoundInfo {
  /** The database with the oldest datfrozenxid in the cluster (wraparound stops the whole cluster). */
  database: string;
  xidAge: number;
  /** Of the 2^31 transaction IDs before PostgreSQL stops accepting writes. */
  percent: number;
  /** Of autovacuum_freeze_max_age: past 100 %, autovacuum runs anti-wraparound vacuums. */
  freezeMaxAgePercent: number;
  freezeMaxAge: number;
  /** Tables of this database with the oldest relfrozenxid (heap or TOAST), oldest first. */
  oldestTables: Array<{ schema: string; table: string; xidAge: number }>;
}

export interface SequenceUsage {
  schema: string;
  table: string;
  column: string;
  columnType: string;
  sequence: string;
  lastValue: number;
  maxValue: number;
  usedPercent: number;
}

export interface ReplicationInfo {
  /** True on a replica (streaming or restoring WAL). */
  inRecovery: boolean;
  /** On a replica, seconds since the last replayed transaction; null on a primary. */
  lagSeconds: number | null;
  inactiveSlots: Array<{ slot: string; type: string; database: string | null; retainedBytes: number | null }>;
}

export interface InvalidConstraint {
  schema: string;
  table: string;
  constraint: string;
}

export interface LatencyInfo {
  /** `SELECT 1` timed on the client. */
  roundtripMs: number;
  /** The CinemataCMS search query (/api/v1/search) timed on the client; null when it could not run. */
  searchMs: number | null;
  /** The tsquery argument used, e.g. `climate:*`. */
  searchQuery: string | null;
  searchRows: number | null;
}
