import { stripCommandPrefix } from '../../dispatch/tokenize.js';

export interface ParsedLine {
  command: string;
  args: string[];
  json: boolean;
}

/**
 * Turns the words typed on a terminal into a command and its arguments. `--json`, `--help` and `-h` are handled
 * here for every command: `health --help` is `help health`; no words at all is `help`.
 */
export function parseConsoleWords(words: readonly string[]): ParsedLine {
  const rest = stripCommandPrefix([...words]);
  const json = rest.includes('--json');
  const wantsHelp = rest.includes('--help') || rest.includes('-h');
  const args = rest.filter((w) => w !== '--json' && w !== '--help' && w !== '-h');
  if (args[0] === '--version' || args[0] === '-V') return { command: 'version', args: args.slice(1), json };
  const [command, ...commandArgs] = args;
  if (command === undefined) return { command: 'help', args: [], json };
  if (wantsHelp) return { command: 'help', args: command === 'help' ? commandArgs.slice(0, 1) : [command], json };
  return { command, args: commandArgs, json };
}
