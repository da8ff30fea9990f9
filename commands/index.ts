import type { Command, OptionSpecs } from '../src/sdk.js';
import ack from './ack.js';
import alerts from './alerts.js';
import bloat from './bloat.js';
import config from './config.js';
import connections from './connections.js';
import db from './db.js';
import encoding from './encoding.js';
import encodings from './encodings.js';
import explain from './explain.js';
import health from './health.js';
import help from './help.js';
import indexes from './indexes.js';
import locks from './locks.js';
import oncall from './oncall.js';
import queues from './queues.js';
import report from './report.js';
import runbook from './runbook.js';
import silence from './silence.js';
import silences from './silences.js';
import slowQueries from './slow-queries.js';
import tasks from './tasks.js';
import unsilence from './unsilence.js';
import version from './version.js';
import workers from './workers.js';

/**
 * Every command, listed by hand: a typo cannot silently drop one, and test/commands/registry.test.ts fails
 * when a file in this folder is missing here.
 */
export const commands: ReadonlyArray<Command<OptionSpecs>> = [
  health,
  help,
  config,
  version,
  // PostgreSQL
  db,
  locks,
  connections,
  bloat,
  indexes,
  slowQueries,
  explain,
  report,
  // Celery
  queues,
  workers,
  tasks,
  // Encodings
  encodings,
  encoding,
  // Alerts and on-call
  alerts,
  ack,
  silence,
  silences,
  unsilence,
  runbook,
  oncall,
];
