import { buildCommandHelpReport, buildCommandListReport, defineCommand, suggest, UserError } from '../src/sdk.js';

export default defineCommand({
  name: 'help',
  summary: 'List the commands, or explain one',
  description: 'Without an argument, lists every command with one line each. With a command name, shows its usage, options and examples.',
  examples: ['cinemata-ops help', 'cinemata-ops help health'],
  options: {
    command: { type: 'string', positional: true, description: 'the command to explain' },
  },
  role: 'viewer',
  async execute(ctx) {
    const commands = ctx.services.commands;
    const name = ctx.options.command;
    if (name === undefined) return buildCommandListReport(commands, ctx.now());
    const command = commands.find((c) => c.name === name);
    if (!command) {
      const close = suggest(name, commands.map((c) => c.name));
      throw new UserError('unknown_command', `unknown command "${name}"`, {
        hint: close === undefined ? 'run: cinemata-ops help' : `did you mean "${close}"?`,
      });
    }
    return buildCommandHelpReport(command, ctx.now());
  },
});
