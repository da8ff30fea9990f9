import type { PgClient } from '../../postgres/pg-client.js';
import { readConnections, readIdleInTransaction, readLongQueries, readOldestTransaction } from './activity.js';
import { readBlockedQueries } from './blocking.js';
import { readDatabaseStats, readWraparound } from './database-stats.js';
import type { ConnectionSummary, DatabaseStats, DegradedCheck, PostgresDetail } from './detail.js';
import { readIndexHealth } from './indexes.js';
import { readMissingIndexes } from './read-missing-indexes.js';
import { readInvalidConstraints, readReplication } from './replication.js';
import { runCheck } from './run-check.js';
import { readSequenceUsage } from './sequences.js';
import { buildSearchQuery, measureRoundtrip, measureSearch } from './latency.js';
import { readTableMaintenance } from './tables.js';

/** The `postgres:` settings the probe reads (see file-schema.ts for units and defaults). */
export interface PostgresProbeSettings {
  longQuery: number;
  deadTuplePercent: number;
  deadTupleMinimum: number;
  unusedIndexMegabytes: number;
  searchTerm: string;
}

const NO_CONNECTIONS: ConnectionSummary = { byState: {}, total: 0, max: 0, reserved: 0, usedPercent: 0, hidden: 0 };
const NO_STATS: DatabaseStats = { deadlocks: 0, tableCacheHitPercent: null, indexCacheHitPercent: null, sizeBytes: 0, statsResetAt: null };

/**
 * Every check in one read-only transaction (one connection, one snapshot of the statistics views), each in its
 * own savepoint so a missing grant or extension degrades that check only. `signal` stops between checks when the
 * sampler has given up on this run.
 */
export async function collectPostgresDetail(client: PgClient, settings: PostgresProbeSettings, now: () => number, signal?: AbortSignal): Promise<PostgresDetail> {
  return client.readOnly(async (query) => {
    const degraded: DegradedCheck[] = [];
    const check = async <T>(name: string, work: () => Promise<T>): Promise<T | undefined> => {
      signal?.throwIfAborted();
      return runCheck(query, name, degraded, work);
    };
    const roundtripMs = await measureRoundtrip(query);
    const [identity] = await query<{ database: string; role: string; version: string }>(
      `SELECT current_database() AS database, current_user AS role, current_setting('server_version') AS version`,
    );
    const role = identity?.role ?? "the bot's role";
    const connections = (await check('connections', () => readConnections(query))) ?? NO_CONNECTIONS;
    if (connections.hidden > 0) {
      degraded.push({
        check: 'sessions',
        reason: `${connections.hidden} sessions of other roles are hidden (counted as state "unknown"; their queries, locks and ages cannot be judged): GRANT pg_read_all_stats TO ${role}`,
      });
    }
    const longQueries = (await check('long-running queries', () => readLongQueries(query, settings.longQuery))) ?? [];
    const idleInTransaction = (await check('idle in transaction', () => readIdleInTransaction(query))) ?? [];
    const oldestTransactionSeconds = (await check('oldest transaction', () => readOldestTransaction(query))) ?? null;
    const blocked = (await check('blocked queries', () => readBlockedQueries(query))) ?? [];
    const stats = (await check('database statistics', () => readDatabaseStats(query))) ?? NO_STATS;
    const tables = (await check('dead tuples', () => readTableMaintenance(query, settings))) ?? { flaggedCount: 0, tables: [] };
    const indexes = (await check('indexes', () => readIndexHealth(query, settings.unusedIndexMegabytes))) ?? { unused: [], duplicate: [], invalid: [] };
    const missingIndexes = await check('missing indexes', () => readMissingIndexes(query, degraded));
    const wraparound = (await check('transaction ID wraparound', () => readWraparound(query))) ?? null;
    const sequences = await check('sequences', () => readSequenceUsage(query));
    if (sequences && sequences.unreadable > 0) {
      degraded.push({ check: 'sequence privileges', reason: `${sequences.unreadable} sequences cannot be read by ${role}: GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}` });
    }
    const replication = (await check('replication', () => readReplication(query))) ?? null;
    const invalidConstraints = (await check('constraints', () => readInvalidConstraints(query))) ?? [];
    const searchQuery = buildSearchQuery(settings.searchTerm);
    if (searchQuery === null) degraded.push({ check: 'search latency', reason: `postgres.searchTerm "${settings.searchTerm}" has no word to search for` });
    const search = searchQuery === null ? undefined : await check('search latency', () => measureSearch(query, searchQuery));
    return {
      target: client.target,
      database: identity?.database ?? '',
      serverVersion: identity?.version ?? '',
      role: identity?.role ?? '',
      connections,
      longQueries,
      idleInTransaction,
      oldestTransactionSeconds,
      blocked,
      stats,
      tables,
      indexes,
      missingIndexes: missingIndexes ?? { candidates: [], statementsAvailable: false },
      wraparound,
      sequences: sequences?.sequences ?? [],
      replication,
      invalidConstraints,
      latency: { roundtripMs, searchMs: search?.ms ?? null, searchQuery, searchRows: search?.rows ?? null },
      degraded,
      collectedAt: now(),
    };
  });
}
