import type { Logger } from 'pino';
import type { Role } from '../config/schema-helpers.js';
import type { Config } from '../config/load-config.js';
import type { Report } from '../reports/report.js';
import type { Invocation } from './invocation.js';
import type { AppServices } from './services.js';

/**
 * One option of a command. The same spec drives the CLI parser, the console, Slack's text arguments and
 * Discord's typed options, so it stays a plain description rather than a parser.
 */
export interface OptionSpec {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'duration';
  description: string;
  /** Positional options are filled in declaration order from the bare words after the command. */
  positional?: boolean | undefined;
  /** For the last positional string: it takes every remaining bare word, joined by spaces (`silence … 2h disk resize`). */
  rest?: boolean | undefined;
  required?: boolean | undefined;
  choices?: readonly string[] | undefined;
  /** For `duration`, write it as text (`24h`); the command receives milliseconds. */
  default?: string | number | boolean | undefined;
  /** Inclusive bounds for numbers and durations (milliseconds for durations). */
  min?: number | undefined;
  max?: number | undefined;
}

export type OptionSpecs = Record<string, OptionSpec>;

// Distributes over the union of types, so the generic OptionSpec maps to string | number | boolean.
type TypeValue<T> = T extends 'boolean' ? boolean : T extends 'string' ? string : number;
type ValueOf<S extends OptionSpec> = TypeValue<S['type']>;

/** The parsed option values a command receives: required or defaulted options are never undefined. */
export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]: O[K] extends { required: true } | { default: string | number | boolean }
    ? ValueOf<O[K]>
    : ValueOf<O[K]> | undefined;
};

export interface CommandContext<V> {
  options: V;
  invocation: Invocation;
  role: Role;
  config: Config;
  services: AppServices;
  log: Logger;
  now(): number;
}

/** A slash command: `/ops <name>` in chat, `cinemata-ops <name>` on a terminal. One file in `commands/`. */
export interface Command<O extends OptionSpecs = OptionSpecs> {
  /** kebab-case; equal to the file name in `commands/`. */
  name: string;
  /** One line for `--help` listings. */
  summary: string;
  /** What `help <name>` prints: what it shows, what to do with it. */
  description: string;
  examples?: readonly string[] | undefined;
  options: O;
  /** The least role allowed to run it. */
  role: Role;
  execute(ctx: CommandContext<OptionValues<O>>): Promise<Report>;
}

/** Typed helper: infers the option value types for `execute` from the option specs. */
export function defineCommand<const O extends OptionSpecs>(command: Command<O>): Command<O> {
  return command;
}
