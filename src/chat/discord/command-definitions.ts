import type {
  APIApplicationCommandBasicOption,
  APIApplicationCommandSubcommandOption,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command, OptionSpec, OptionSpecs } from '../../dispatch/command.js';
import { findAutocompleteSource, type AutocompleteSource } from './autocomplete.js';
import { DISCORD_LIMITS, truncate } from './limits.js';

/** The fallback subcommand that takes a whole command line, for commands that do not fit as typed subcommands. */
export const RUN_SUBCOMMAND = 'run';
/** Added to every subcommand: answer in the channel instead of to the caller only (Slack's `--public`). */
export const PUBLIC_OPTION = 'public';

export interface CommandDefinitionOptions {
  /** The top-level command. Default `ops`. */
  name?: string | undefined;
  autocomplete: Readonly<Record<string, AutocompleteSource>>;
  /** Global registrations can say where the command may be used; guild ones cannot. */
  global?: boolean | undefined;
}

export interface CommandDefinitions {
  /** The body for PUT …/commands (bulk overwrite). */
  body: RESTPostAPIChatInputApplicationCommandsJSONBody[];
  /** Commands registered as typed subcommands, in registry order. */
  typed: string[];
  /** Commands over Discord's 25-subcommand or 8,000-character budget: reachable through `/ops run`. */
  viaRun: string[];
}

const TYPE = { string: 3, integer: 4, boolean: 5, number: 10, duration: 3 } as const;

/**
 * `/ops` with one subcommand per registry command and one typed option per OptionSpec (plus `public`, to answer
 * in the channel rather than to the caller only): integers and numbers with
 * their bounds, choices as Discord choices, open-ended strings with autocomplete where a list exists, durations as
 * text (`24h`) that the dispatcher's parser checks, required options first as Discord demands. Commands past
 * Discord's budget (25 subcommands, 8,000 characters for the whole command) are not dropped: they stay reachable
 * through `/ops run line:<command line>`, and `viaRun` names them.
 */
export function buildCommandDefinitions(commands: ReadonlyArray<Command<OptionSpecs>>, options: CommandDefinitionOptions): CommandDefinitions {
  const name = options.name ?? 'ops';
  const top: RESTPostAPIChatInputApplicationCommandsJSONBody = {
    type: 1,
    name,
    description: 'Run a cinemata-ops command: health, alerts and diagnostics of the CinemataCMS platform',
    ...(options.global ? { contexts: [0] } : {}),
  };
  if (commands.some((c) => c.name === RUN_SUBCOMMAND)) {
    throw new Error(`a command is named "${RUN_SUBCOMMAND}", which the Discord adapter reserves for commands that do not fit as subcommands`);
  }
  const clash = commands.find((c) => PUBLIC_OPTION in c.options);
  if (clash) throw new Error(`command "${clash.name}" has an option named "${PUBLIC_OPTION}", which the Discord adapter adds to every command`);
  const subcommands = commands.map((c) => toSubcommand(c, options.autocomplete));
  const sizes = subcommands.map(countCharacters);
  const base = countCharacters(top);
  const total = sizes.reduce((sum, s) => sum + s, base);
  let keep = subcommands.length;
  if (keep > DISCORD_LIMITS.commandOptions || total > DISCORD_LIMITS.commandCharacters) {
    const run = runSubcommand();
    let used = base + countCharacters(run);
    keep = 0;
    while (keep < subcommands.length && keep < DISCORD_LIMITS.commandOptions - 1 && used + (sizes[keep] ?? 0) <= DISCORD_LIMITS.commandCharacters) {
      used += sizes[keep] ?? 0;
      keep++;
    }
    top.options = [...subcommands.slice(0, keep), run];
  } else {
    top.options = subcommands;
  }
  return { body: [top], typed: commands.slice(0, keep).map((c) => c.name), viaRun: commands.slice(keep).map((c) => c.name) };
}

function toSubcommand(command: Command<OptionSpecs>, sources: Readonly<Record<string, AutocompleteSource>>): APIApplicationCommandSubcommandOption {
  checkName(command.name, `command "${command.name}"`);
  const entries = Object.entries(command.options);
  // Discord lists required options first; the words sent back name every option, so the order is free.
  const sorted = [...entries.filter(([, s]) => isRequired(s)), ...entries.filter(([, s]) => !isRequired(s))];
  return {
    type: 1,
    name: command.name,
    description: describe(command.summary, command.name),
    options: [...sorted.map(([option, spec]) => toOption(command, option, spec, sources)), publicOption()],
  };
}

function publicOption(): APIApplicationCommandBasicOption {
  return { type: TYPE.boolean, name: PUBLIC_OPTION, description: 'post the answer in the channel for everyone (default: only you see it)', required: false };
}

function toOption(command: Command<OptionSpecs>, name: string, spec: OptionSpec, sources: Readonly<Record<string, AutocompleteSource>>): APIApplicationCommandBasicOption {
  checkName(name, `option "${name}" of "${command.name}"`);
  const hint = spec.type === 'duration' ? ' (like 30m, 24h, 7d)' : '';
  const suffix = spec.default === undefined || spec.default === '' ? hint : `${hint} (default ${String(spec.default)})`;
  const description = describe(`${spec.description}${suffix}`, name);
  const required = isRequired(spec);
  switch (spec.type) {
    case 'boolean':
      return { type: TYPE.boolean, name, description, required };
    case 'integer':
    case 'number': {
      const bounds = { ...(spec.min === undefined ? {} : { min_value: spec.min }), ...(spec.max === undefined ? {} : { max_value: spec.max }) };
      return spec.type === 'integer'
        ? { type: TYPE.integer, name, description, required, ...bounds }
        : { type: TYPE.number, name, description, required, ...bounds };
    }
    case 'string':
    case 'duration': {
      const choices = spec.choices;
      if (choices !== undefined && choices.length <= DISCORD_LIMITS.optionChoices) {
        return { type: TYPE.string, name, description, required, choices: choices.map((c) => ({ name: truncate(c, DISCORD_LIMITS.choiceName), value: c })) };
      }
      const autocomplete = findAutocompleteSource(sources, command, name) !== undefined;
      return { type: TYPE.string, name, description, required, ...(autocomplete ? { autocomplete: true } : {}) };
    }
  }
}

function runSubcommand(): APIApplicationCommandSubcommandOption {
  return {
    type: 1,
    name: RUN_SUBCOMMAND,
    description: 'Run any command by its command line, e.g. slow-queries --limit 5',
    options: [{ type: TYPE.string, name: 'line', description: 'the command and its options, as on a terminal', required: true, autocomplete: true }, publicOption()],
  };
}

function isRequired(spec: OptionSpec): boolean {
  return spec.required === true && spec.default === undefined;
}

function describe(text: string, fallback: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return truncate(line === '' ? fallback : line, DISCORD_LIMITS.commandDescription);
}

const NAME_RE = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;

function checkName(name: string, what: string): void {
  if (!NAME_RE.test(name)) throw new Error(`${what}: Discord names are 1–32 lowercase letters, digits, - or _`);
}

/** Discord's count for a command: names, descriptions and choice names and values, all the way down. */
export function countCharacters(node: object): number {
  const { name, description, options, choices } = node as {
    name?: string;
    description?: string;
    options?: readonly object[];
    choices?: ReadonlyArray<{ name: string; value: string | number }>;
  };
  let n = (name?.length ?? 0) + (description?.length ?? 0);
  for (const choice of choices ?? []) n += choice.name.length + String(choice.value).length;
  for (const option of options ?? []) n += countCharacters(option);
  return n;
}
