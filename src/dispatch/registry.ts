import type { Command, OptionSpecs } from './command.js';

const NAME_RE = /^[a-z][a-z0-9-]*$/;

/**
 * Checks the explicit command list once at startup: a malformed or duplicate command fails loudly here instead
 * of misbehaving in chat.
 */
export function createCommandRegistry(commands: ReadonlyArray<Command<OptionSpecs>>): ReadonlyMap<string, Command<OptionSpecs>> {
  const registry = new Map<string, Command<OptionSpecs>>();
  for (const command of commands) {
    if (!NAME_RE.test(command.name)) throw new Error(`command name "${command.name}" must be kebab-case`);
    if (registry.has(command.name)) throw new Error(`two commands are named "${command.name}"`);
    if (command.summary.trim() === '' || command.summary.includes('\n')) {
      throw new Error(`command "${command.name}" needs a one-line summary`);
    }
    if (typeof command.execute !== 'function') throw new Error(`command "${command.name}" has no execute()`);
    let sawOptionalPositional = false;
    for (const [name, spec] of Object.entries(command.options)) {
      if (!NAME_RE.test(name)) throw new Error(`option "${name}" of "${command.name}" must be kebab-case`);
      if (name === 'json' || name === 'help') throw new Error(`option --${name} of "${command.name}" is reserved`);
      if (spec.positional && spec.required && sawOptionalPositional) {
        throw new Error(`"${command.name}": required positional <${name}> follows an optional one`);
      }
      if (spec.positional && !spec.required) sawOptionalPositional = true;
      if (spec.rest && (!spec.positional || spec.type !== 'string' || name !== Object.keys(command.options).filter((n) => command.options[n]?.positional).at(-1))) {
        throw new Error(`"${command.name}": only the last positional string option may take the rest of the words (${name})`);
      }
    }
    registry.set(command.name, command);
  }
  return registry;
}
