import type { Command, OptionSpec, OptionSpecs } from './command.js';

function placeholder(name: string, spec: OptionSpec): string {
  if (spec.choices) return spec.choices.join('|');
  if (spec.type === 'duration') return String(spec.default ?? '24h');
  if (spec.type === 'integer' || spec.type === 'number') return 'N';
  return name.toUpperCase();
}

/** `cinemata-ops slow-queries [--limit N] [--since 24h]`, built from the option specs so it never drifts. */
export function formatUsage(command: Command<OptionSpecs>, program = 'cinemata-ops'): string {
  const parts = [program, command.name];
  for (const [name, spec] of Object.entries(command.options)) {
    let part: string;
    if (spec.positional) part = `<${spec.choices ? spec.choices.join('|') : name}>`;
    else if (spec.type === 'boolean') part = `--${name}`;
    else part = `--${name} ${placeholder(name, spec)}`;
    parts.push(spec.required ? part : `[${part}]`);
  }
  return parts.join(' ');
}
