import type { Command, OptionSpecs } from '../../dispatch/command.js';
import { DEFAULT_AUTOCOMPLETE, type AutocompleteSource } from './autocomplete.js';
import { buildCommandDefinitions, type CommandDefinitions } from './command-definitions.js';
import type { DiscordApi } from './discord-api.js';

export interface RegisterCommandsOptions {
  api: DiscordApi;
  applicationId: string;
  /** A server id: its commands update instantly (use it to try changes). Without it the command is global. */
  guildId?: string | undefined;
  commands: ReadonlyArray<Command<OptionSpecs>>;
  autocomplete?: Readonly<Record<string, AutocompleteSource>> | undefined;
}

export interface Registration extends CommandDefinitions {
  scope: 'guild' | 'global';
}

/**
 * Registers `/ops` built from the command registry with a bulk overwrite (PUT
 * /applications/{app}/guilds/{guild}/commands, or /applications/{app}/commands): the registry becomes the whole
 * truth, so a command removed from it disappears from Discord too, and running it twice changes nothing.
 */
export async function registerCommands(options: RegisterCommandsOptions): Promise<Registration> {
  const definitions = buildCommandDefinitions(options.commands, {
    autocomplete: options.autocomplete ?? DEFAULT_AUTOCOMPLETE,
    global: options.guildId === undefined,
  });
  await options.api.putCommands(options.applicationId, options.guildId, definitions.body);
  return { ...definitions, scope: options.guildId === undefined ? 'global' : 'guild' };
}
