import type { Command, OptionSpecs } from '../dispatch/command.js';
import { describeType } from '../dispatch/parse-options.js';
import { formatUsage } from '../dispatch/usage.js';
import type { Report } from './report.js';

export function buildCommandListReport(commands: ReadonlyArray<Command<OptionSpecs>>, now: number): Report {
  return {
    title: 'cinemata-ops commands',
    severity: 'info',
    summary: `${commands.length} commands. In chat type /ops <command>; on a terminal cinemata-ops <command>.`,
    sections: [
      {
        blocks: [
          {
            kind: 'table',
            columns: [{ label: 'command' }, { label: 'what it does' }, { label: 'role' }],
            rows: [...commands].sort((a, b) => a.name.localeCompare(b.name)).map((c) => ({ cells: [c.name, c.summary, c.role] })),
          },
        ],
      },
    ],
    footnotes: [
      'help <command> explains one command. Add --json to any command for machine-readable output.',
      'On a terminal only: cinemata-ops discord register [--guild ID] [--dry-run] registers /ops with Discord.',
    ],
    generatedAt: now,
  };
}

export function buildCommandHelpReport(command: Command<OptionSpecs>, now: number): Report {
  const options = Object.entries(command.options);
  return {
    title: `help: ${command.name}`,
    severity: 'info',
    summary: command.summary,
    sections: [
      { blocks: [{ kind: 'code', text: formatUsage(command) }, { kind: 'text', text: command.description }] },
      {
        title: 'Options',
        blocks: [
          {
            kind: 'table',
            columns: [{ label: 'option' }, { label: 'value' }, { label: 'default' }, { label: 'meaning' }],
            rows: [
              ...options.map(([name, spec]) => ({
                cells: [
                  spec.positional ? `<${name}>` : `--${name}`,
                  describeType(spec),
                  spec.default === undefined ? (spec.required ? 'required' : '') : String(spec.default),
                  spec.description,
                ],
              })),
              { cells: ['--json', 'a flag', '', 'print the report as JSON (terminal only)'] },
            ],
          },
        ],
      },
      ...(command.examples && command.examples.length > 0
        ? [{ title: 'Examples', blocks: [{ kind: 'code' as const, text: command.examples.join('\n') }] }]
        : []),
    ],
    footnotes: [`Needs the ${command.role} role in chat.`],
    generatedAt: now,
  };
}
