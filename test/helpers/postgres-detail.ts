import type { PostgresDetail } from '../../src/probes/postgres.js';

/** A healthy PostgreSQL as the probe reads it, for report tests: tests change what they need. */
export function quietPostgresDetail(now: number): PostgresDetail {
  return {
    target: '127.0.0.1:5432/mediacms',
    database: 'mediacms',
    serverVersion: '15.8 (Debian)',
    role: 'cinemata_ops',
    connections: { byState: { active: 2, idle: 8, 'idle in transaction': 0 }, total: 10, max: 100, reserved: 3, usedPercent: 10, hidden: 0 },
    longQueries: [],
    idleInTransaction: [],
    oldestTransactionSeconds: null,
    blocked: [],
    stats: { deadlocks: 0, tableCacheHitPercent: 99.9, indexCacheHitPercent: 99.8, sizeBytes: 5 * 2 ** 30, statsResetAt: null },
    tables: { flaggedCount: 0, tables: [] },
    indexes: { unused: [], duplicate: [], invalid: [] },
    missingIndexes: { candidates: [], statementsAvailable: true },
    wraparound: { database: 'mediacms', xidAge: 2_000_000, percent: 0.09, freezeMaxAgePercent: 1, freezeMaxAge: 200_000_000, oldestTables: [] },
    sequences: [],
    replication: { inRecovery: false, lagSeconds: null, inactiveSlots: [] },
    invalidConstraints: [],
    latency: { roundtripMs: 0.8, searchMs: 12, searchQuery: 'climate:*', searchRows: 50 },
    degraded: [],
    collectedAt: now,
  };
}
