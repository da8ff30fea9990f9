import type { ConsoleOutput } from '../console/format-result.js';
import type { Config } from '../../config/load-config.js';
import type { Command, OptionSpecs } from '../../dispatch/command.js';
import { DEFAULT_AUTOCOMPLETE } from './autocomplete.js';
import { buildCommandDefinitions } from './command-definitions.js';
import { classifyDiscordError, createDiscordApi } from './discord-api.js';
import { registerCommands } from './register.js';

export interface DiscordCliOptions {
  config: Config;
  commands: ReadonlyArray<Command<OptionSpecs>>;
  /** Default https://discord.com/api. */
  apiBase?: string | undefined;
}

const USAGE = 'usage: cinemata-ops discord register [--guild ID] [--dry-run]';
const SNOWFLAKE = /^\d{17,20}$/;

/**
 * `cinemata-ops discord register [--guild ID] [--dry-run]`: registers `/ops` for this bot, in one server (instant)
 * or globally. `--dry-run` prints the JSON that would be sent and needs no token. Exit codes as the CLI's: 0 done,
 * 1 Discord refused or could not be reached, 2 the request or configuration was wrong.
 */
export async function runDiscordCli(args: readonly string[], options: DiscordCliOptions): Promise<ConsoleOutput> {
  const [sub, ...rest] = args;
  if (sub !== 'register') return usage(sub === undefined || sub === 'help' || sub === '--help' ? undefined : `unknown discord command "${sub}"`);
  let guildId: string | undefined;
  let dryRun = false;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] as string;
    if (word === '--dry-run') dryRun = true;
    else if (word === '--guild' || word.startsWith('--guild=')) {
      guildId = word === '--guild' ? rest[++i] : word.slice('--guild='.length);
      if (guildId === undefined || !SNOWFLAKE.test(guildId)) return usage('--guild needs a server id (17–20 digits)');
    } else return usage(`unexpected argument "${word}"`);
  }

  if (dryRun) {
    const definitions = buildCommandDefinitions(options.commands, { autocomplete: DEFAULT_AUTOCOMPLETE, global: guildId === undefined });
    return { stdout: `${JSON.stringify(definitions.body, null, 2)}\n`, stderr: describeOverflow(definitions.viaRun), exitCode: 0 };
  }
  const { DISCORD_BOT_TOKEN: token, DISCORD_APPLICATION_ID: applicationId } = options.config.env;
  if (token === undefined || applicationId === undefined) {
    const missing = [token === undefined && 'DISCORD_BOT_TOKEN', applicationId === undefined && 'DISCORD_APPLICATION_ID'].filter(Boolean).join(' and ');
    return { stdout: '', stderr: `error: set ${missing} to register commands (see .env.example)\n`, exitCode: 2 };
  }
  try {
    const api = createDiscordApi({ token, apiBase: options.apiBase });
    const registration = await registerCommands({ api, applicationId, guildId, commands: options.commands });
    const where = guildId === undefined ? 'globally' : `in server ${guildId} (available now)`;
    const count = registration.typed.length;
    return {
      stdout: `registered /ops ${where}: ${count} subcommand${count === 1 ? '' : 's'}${registration.viaRun.length > 0 ? ' and /ops run' : ''}\n`,
      stderr: describeOverflow(registration.viaRun),
      exitCode: 0,
    };
  } catch (error) {
    return { stdout: '', stderr: `error: Discord refused the registration: ${classifyDiscordError(error).error}\n`, exitCode: 1 };
  }
}

function describeOverflow(viaRun: readonly string[]): string {
  if (viaRun.length === 0) return '';
  return `note: Discord allows 25 subcommands and 8,000 characters per command; ${viaRun.join(', ')} ${viaRun.length === 1 ? 'is' : 'are'} reachable as /ops run line:<command>\n`;
}

function usage(problem: string | undefined): ConsoleOutput {
  return problem === undefined ? { stdout: `${USAGE}\n`, stderr: '', exitCode: 0 } : { stdout: '', stderr: `error: ${problem}\n${USAGE}\n`, exitCode: 2 };
}
