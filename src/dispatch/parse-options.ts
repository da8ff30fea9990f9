import { formatDuration, parseDuration } from '../config/duration.js';
import { UserError } from '../errors.js';
import type { Command, OptionSpec, OptionSpecs } from './command.js';
import { suggest } from './suggest.js';

type Value = string | number | boolean;

/**
 * Parses the words after a command name against its option specs: `--name value`, `--name=value`, `--flag`,
 * `--no-flag` and positionals. Every mistake is a UserError naming the option and what was expected.
 */
export function parseOptions(command: Command<OptionSpecs>, args: readonly string[]): Record<string, Value | undefined> {
  const specs = command.options;
  const values: Record<string, Value | undefined> = {};
  const positionals = Object.keys(specs).filter((name) => specs[name]?.positional);
  let nextPositional = 0;
  const usage = `see: cinemata-ops help ${command.name}`;

  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    if (word.startsWith('--') && word.length > 2) {
      const eq = word.indexOf('=');
      let name = eq === -1 ? word.slice(2) : word.slice(2, eq);
      let inline: string | undefined = eq === -1 ? undefined : word.slice(eq + 1);
      let spec = specs[name];
      if (spec === undefined && name.startsWith('no-') && specs[name.slice(3)]?.type === 'boolean' && inline === undefined) {
        name = name.slice(3);
        spec = specs[name];
        inline = 'false';
      }
      if (spec === undefined) {
        const close = suggest(name, Object.keys(specs));
        throw new UserError('unknown_option', `${command.name}: unknown option --${name}`, {
          hint: close === undefined ? usage : `did you mean --${close}?`,
        });
      }
      if (spec.type === 'boolean') {
        values[name] = convert(command.name, name, spec, inline ?? 'true');
        continue;
      }
      const text = inline ?? args[++i];
      if (text === undefined) {
        throw new UserError('missing_argument', `${command.name}: --${name} needs a value (${describeType(spec)})`, { hint: usage });
      }
      values[name] = convert(command.name, name, spec, text);
    } else {
      const restName = positionals[positionals.length - 1];
      if (nextPositional >= positionals.length && restName !== undefined && specs[restName]?.rest && values[restName] !== undefined) {
        values[restName] = `${String(values[restName])} ${word}`;
        continue;
      }
      const name = positionals[nextPositional++];
      if (name === undefined) {
        throw new UserError('too_many_arguments', `${command.name}: unexpected argument "${word}"`, { hint: usage });
      }
      values[name] = convert(command.name, name, specs[name] as OptionSpec, word);
    }
  }

  for (const [name, spec] of Object.entries(specs)) {
    if (values[name] !== undefined) continue;
    if (spec.default !== undefined) values[name] = convert(command.name, name, spec, String(spec.default));
    else if (spec.required) {
      const shown = spec.positional ? `<${name}>` : `--${name}`;
      throw new UserError('missing_argument', `${command.name}: ${shown} is required (${describeType(spec)})`, { hint: usage });
    }
  }
  return values;
}

function convert(commandName: string, name: string, spec: OptionSpec, text: string): Value {
  const fail = (expected: string): never => {
    throw new UserError('bad_option', `${commandName}: ${name} must be ${expected}, got "${text}"`, {
      hint: `see: cinemata-ops help ${commandName}`,
    });
  };
  switch (spec.type) {
    case 'boolean':
      if (['true', 'yes', '1'].includes(text)) return true;
      if (['false', 'no', '0'].includes(text)) return false;
      return fail('true or false');
    case 'string':
      if (spec.choices && !spec.choices.includes(text)) return fail(`one of ${spec.choices.join(', ')}`);
      return text;
    case 'integer':
    case 'number': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n) || (spec.type === 'integer' && !Number.isInteger(n))) {
        return fail(spec.type === 'integer' ? 'a whole number' : 'a number');
      }
      return checkBounds(n, spec, fail, String);
    }
    case 'duration': {
      const ms = parseDuration(text);
      if (ms === undefined) return fail('a duration like 30m, 24h or 7d');
      return checkBounds(ms, spec, fail, formatDuration);
    }
  }
}

function checkBounds(n: number, spec: OptionSpec, fail: (expected: string) => never, show: (v: number) => string): number {
  if (spec.min !== undefined && n < spec.min) fail(`at least ${show(spec.min)}`);
  if (spec.max !== undefined && n > spec.max) fail(`at most ${show(spec.max)}`);
  return n;
}

export function describeType(spec: OptionSpec): string {
  if (spec.choices) return `one of ${spec.choices.join(', ')}`;
  return { string: 'text', integer: 'a whole number', number: 'a number', boolean: 'a flag', duration: 'a duration like 24h' }[spec.type];
}
