import type { Command, OptionSpecs } from '../src/sdk.js';
import bloat from './bloat.js';
import config from './config.js';
import connections from './connections.js';
import db from './db.js';
import explain from './explain.js';
import health from './health.js';
import help from './help.js';
import indexes from './indexes.js';
import locks from './locks.js';
import report from './report.js';
import slowQueries from './slow-queries.js';
import version from './version.js';

/**
 * Every command, listed by hand: a typo cannot silently drop one, and test/commands/registry.test.ts fails
 * when a file in this folder is missing here.
 */
export const commands: ReadonlyArray<Command<OptionSpecs>> = [
  health,
  help,
  config,
  version,
  db,
  locks,
  connections,
  bloat,
  indexes,
  slowQueries,
  explain,
  report,
];
