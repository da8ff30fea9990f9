import type { Command, OptionSpecs } from '../src/sdk.js';
import config from './config.js';
import health from './health.js';
import help from './help.js';
import version from './version.js';

/**
 * Every command, listed by hand: a typo cannot silently drop one, and test/commands/registry.test.ts fails
 * when a file in this folder is missing here.
 */
export const commands: ReadonlyArray<Command<OptionSpecs>> = [health, help, config, version];
