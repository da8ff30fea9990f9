import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { DispatchResult } from '../../dispatch/dispatch.js';
import type { Invocation } from '../../dispatch/invocation.js';
import { tokenize } from '../../dispatch/tokenize.js';
import type { Deliverer } from '../../notify/outbox-worker.js';
import { renderTerminal } from '../../render/terminal.js';
import { formatResult } from './format-result.js';
import { parseConsoleWords } from './parse-line.js';

export interface ConsoleAdapterOptions {
  input: Readable;
  output: Writable;
  user: string;
  color: boolean;
  width(): number;
  dispatch(invocation: Invocation): Promise<DispatchResult>;
  /** Called once on `exit`, `quit`, Ctrl-C or Ctrl-D. */
  onExit(): void;
}

export interface ConsoleAdapter {
  deliverer: Deliverer;
  close(): void;
}

const PROMPT = 'ops> ';

/**
 * The bot's own prompt on a terminal: `/ops health`, `health` and `health --json` all work. Lines typed while a
 * command runs wait their turn, so answers never interleave. Scheduled reports print above the prompt.
 */
export function startConsoleAdapter(options: ConsoleAdapterOptions): ConsoleAdapter {
  const rl: Interface = createInterface({ input: options.input, output: options.output, prompt: PROMPT, terminal: true });
  let queue: Promise<void> = Promise.resolve();
  let closed = false;
  const exit = () => {
    if (closed) return;
    closed = true;
    options.onExit();
  };

  async function handle(line: string): Promise<void> {
    const words = tokenize(line);
    if (words.length === 0) return;
    if (words.length === 1 && ['exit', 'quit', '/quit', '/exit'].includes(words[0] as string)) return exit();
    const parsed = parseConsoleWords(words);
    const result = await options.dispatch({ platform: 'console', user: { id: options.user }, command: parsed.command, args: parsed.args });
    const out = formatResult(result, { json: parsed.json, color: options.color, width: options.width(), commandPrefix: '' });
    options.output.write(out.stdout + out.stderr);
  }

  rl.on('line', (line) => {
    queue = queue.then(() => handle(line)).then(() => {
      if (!closed) rl.prompt();
    });
  });
  rl.on('SIGINT', exit);
  rl.on('close', exit);
  rl.prompt();

  return {
    deliverer: {
      platform: 'console',
      async deliver(_channel, report) {
        // Clear the half-typed prompt line, print, and give the prompt back.
        options.output.write('\r\x1b[K');
        options.output.write(`${renderTerminal(report, { color: options.color, width: options.width(), commandPrefix: '' })}\n`);
        if (!closed) rl.prompt(true);
        return { ok: true };
      },
    },
    close() {
      closed = true;
      rl.close();
    },
  };
}

/** Where there is no terminal (systemd, a pipe), reports go to stdout as plain text, one after another. */
export function createHeadlessConsoleDeliverer(output: Writable): Deliverer {
  return {
    platform: 'console',
    async deliver(_channel, report) {
      output.write(`${renderTerminal(report, { color: false, width: 100 })}\n`);
      return { ok: true };
    },
  };
}
