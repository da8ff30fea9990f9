import { stripCommandPrefix, tokenize } from '../../dispatch/tokenize.js';

export interface SlackCommandText {
  command: string;
  args: string[];
  /** `--public`: answer in the channel instead of to the caller only. */
  public: boolean;
  /** `--json`: the report as JSON in a code block. */
  json: boolean;
}

/**
 * The text after `/ops`, split into words (nothing reaches a shell). `--public`, `--json`, `--help` and `-h` are
 * the adapter's, wherever they stand, so commands never see them: `health --help` is `help health`, and no words
 * at all is `help`.
 */
export function parseCommandText(text: string): SlackCommandText {
  const words = stripCommandPrefix(tokenize(text));
  const flags = new Set(['--public', '--json', '--help', '-h']);
  const isPublic = words.includes('--public');
  const json = words.includes('--json');
  const wantsHelp = words.includes('--help') || words.includes('-h');
  const [command, ...args] = words.filter((w) => !flags.has(w));
  if (command === undefined) return { command: 'help', args: [], public: isPublic, json };
  if (wantsHelp) return { command: 'help', args: command === 'help' ? args.slice(0, 1) : [command], public: isPublic, json };
  return { command, args, public: isPublic, json };
}
