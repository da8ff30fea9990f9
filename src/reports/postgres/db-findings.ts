import type { Config } from '../../config/load-config.js';
import type { PostgresDetail } from '../../probes/postgres.js';
import { sortFindings, type Finding } from './findings-section.js';
import { findIndexProblems, findMissingIndexProblems } from './index-findings.js';
import { findDeadTupleProblems, findReplicationProblems, findSequenceProblems, findWraparoundProblems } from './maintenance-findings.js';
import { findDeadlockProblems, findDegradedChecks, findPerformanceProblems } from './performance-findings.js';
import { findBlockedProblems, findConnectionProblems, findIdleTransactionProblems, findLongQueryProblems } from './session-findings.js';

/**
 * Everything `db` judges, worst first. Within a severity the order is the order of urgency: what blocks users
 * now (locks, long transactions, connection slots), then what will stop the database (wraparound, sequences,
 * replication slots filling the disk),
 * then maintenance (dead tuples, indexes), then speed, then what could not be checked.
 */
export function findDatabaseProblems(detail: PostgresDetail, settings: Config['postgres'], deadlocksLastHour: number | null): Finding[] {
  return sortFindings([
    ...findBlockedProblems(detail.blocked),
    ...findIdleTransactionProblems(detail.idleInTransaction, settings),
    ...findLongQueryProblems(detail.longQueries, settings),
    ...findConnectionProblems(detail.connections, settings),
    ...findWraparoundProblems(detail.wraparound),
    ...findSequenceProblems(detail.sequences),
    ...findReplicationProblems(detail.replication, detail.invalidConstraints),
    ...findDeadlockProblems(deadlocksLastHour),
    ...findDeadTupleProblems(detail.tables.tables),
    ...findMissingIndexProblems(detail.missingIndexes),
    ...findIndexProblems(detail.indexes),
    ...findPerformanceProblems(detail, settings),
    ...findDegradedChecks(detail),
  ]);
}
