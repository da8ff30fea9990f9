import type { DispatchResult } from '../../dispatch/dispatch.js';
import { renderJson, renderJsonError } from '../../render/json.js';
import { renderTerminal } from '../../render/terminal.js';

export interface ConsoleOutput {
  stdout: string;
  stderr: string;
  /** 0 done, 1 it could not be done (refused, unavailable, internal failure), 2 the request itself was wrong. */
  exitCode: 0 | 1 | 2;
}

export interface FormatOptions {
  json: boolean;
  color: boolean;
  width: number;
  /** Put before action commands: `cinemata-ops ` for a shell (default), empty at the bot's own prompt. */
  commandPrefix?: string | undefined;
}

/** How a dispatch result looks on a terminal: the report on stdout, a one-line error on stderr. */
export function formatResult(result: DispatchResult, options: FormatOptions): ConsoleOutput {
  if (result.ok) {
    const text = options.json ? renderJson(result.report) : renderTerminal(result.report, { color: options.color, width: options.width, commandPrefix: options.commandPrefix });
    return { stdout: text.endsWith('\n') ? text : `${text}\n`, stderr: '', exitCode: 0 };
  }
  const { error } = result;
  const line = `error: ${error.message}${error.hint ? ` (${error.hint})` : ''}\n`;
  const stdout = options.json ? `${renderJsonError({ code: error.code, message: error.message, hint: error.hint, ref: error.ref })}\n` : '';
  return { stdout, stderr: line, exitCode: error.kind === 'usage' ? 2 : 1 };
}
