import type { Config } from '../../config/load-config.js';
import type { Command, OptionSpecs } from '../../dispatch/command.js';
import { EXPLAIN_TARGETS } from '../../postgres/explain/explain-targets.js';
import { REPORT_BUILDERS } from '../../reports/registry.js';
import { DISCORD_LIMITS, truncate } from './limits.js';

export interface AutocompleteContext {
  config: Config;
  commands: ReadonlyArray<Command<OptionSpecs>>;
}

/** The values an open-ended option can take right now; the user may still type anything else. */
export type AutocompleteSource = (ctx: AutocompleteContext) => readonly string[];

/**
 * Where suggestions come from, by `<command>.<option>` or by `*.<option>` for an option of that name in any
 * command. The list stays the allowlist's own (config, registries): suggestions never reveal more than that.
 */
export const DEFAULT_AUTOCOMPLETE: Readonly<Record<string, AutocompleteSource>> = {
  '*.queue': ({ config }) => config.celery.queues,
  '*.unit': ({ config }) => config.services,
  '*.service': ({ config }) => config.services,
  'report.id': () => REPORT_BUILDERS.map((b) => b.id),
  'help.command': ({ commands }) => commands.map((c) => c.name),
  'explain.target': () => EXPLAIN_TARGETS,
};

/** The source for an option: its own entry, a wildcard, or its choices when there are too many for Discord. */
export function findAutocompleteSource(
  sources: Readonly<Record<string, AutocompleteSource>>,
  command: Command<OptionSpecs>,
  option: string,
): AutocompleteSource | undefined {
  const spec = command.options[option];
  if (spec === undefined || (spec.type !== 'string' && spec.type !== 'duration')) return undefined;
  const choices = spec.choices;
  if (choices !== undefined) return choices.length > DISCORD_LIMITS.optionChoices ? () => choices : undefined;
  return sources[`${command.name}.${option}`] ?? sources[`*.${option}`];
}

/**
 * At most 25 suggestions for what the user has typed so far: values starting with it first, then values
 * containing it, both case-insensitive and in the source's order. Values over 100 characters cannot be offered.
 */
export function suggestValues(values: readonly string[], typed: string): Array<{ name: string; value: string }> {
  const needle = typed.trim().toLowerCase();
  const fits = [...new Set(values)].filter((v) => v.length > 0 && v.length <= DISCORD_LIMITS.choiceValue);
  const starts = fits.filter((v) => v.toLowerCase().startsWith(needle));
  const contains = fits.filter((v) => !v.toLowerCase().startsWith(needle) && v.toLowerCase().includes(needle));
  return [...starts, ...contains]
    .slice(0, DISCORD_LIMITS.autocompleteChoices)
    .map((value) => ({ name: truncate(value, DISCORD_LIMITS.choiceName), value }));
}
