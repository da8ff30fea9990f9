import { userInfo } from 'node:os';
import { createRuntime } from './bootstrap.js';
import { formatResult, type ConsoleOutput } from './chat/console/format-result.js';
import { parseConsoleWords } from './chat/console/parse-line.js';
import { readConfig } from './config/load-config.js';
import { createErrorRef, internalErrorMessage } from './errors.js';
import { createLogger } from './log.js';
import { renderJson, renderJsonError } from './render/json.js';
import { renderTerminal, shouldUseColor } from './render/terminal.js';
import { buildConfigReport } from './reports/config-report.js';
import { commands } from '../commands/index.js';
import { schedules } from '../schedules/index.js';

/**
 * `cinemata-ops <command> [options] [--json]`: runs one command against this host and exits. It is the console
 * adapter for scripts and tests. Exit codes: 0 done, 1 could not be done, 2 usage or configuration error.
 */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<ConsoleOutput> {
  const parsed = parseConsoleWords(argv);
  const format = { json: parsed.json, color: shouldUseColor(process.stdout, env), width: process.stdout.columns ?? 100 };
  const loaded = readConfig(env, cwd);
  if (!loaded.ok) {
    const report = buildConfigReport({ problems: loaded.problems, configFile: loaded.configFile, schedules }, Date.now());
    const body = parsed.json ? renderJson(report) : renderTerminal(report, format);
    const line = `error: invalid configuration: ${loaded.problems.length} problem(s), first ${loaded.problems[0]?.path}: ${loaded.problems[0]?.message}\n`;
    return { stdout: parsed.command === 'config' ? `${body}\n` : '', stderr: parsed.command === 'config' ? '' : `${line}${body}\n`, exitCode: 2 };
  }
  const config = loaded.config;
  if (argv[0] === 'discord') {
    // Registration talks to Discord, not to the dispatcher; discord.js loads only here.
    const { runDiscordCli } = await import('./chat/discord/register-cli.js');
    return runDiscordCli(argv.slice(1), { config, commands, apiBase: config.env.DISCORD_API_BASE });
  }
  const logFile = config.env.CINEMATA_OPS_LOG_FILE;
  const log = createLogger({ level: config.env.CINEMATA_OPS_LOG_LEVEL, format: 'json', destination: logFile }).child({ component: 'cli' });
  let runtime;
  try {
    runtime = createRuntime({ config, log, oneShot: true, deliverers: [] });
  } catch (error) {
    const ref = createErrorRef();
    log.error({ err: error, ref }, 'startup failed');
    const message = internalErrorMessage(ref);
    return {
      stdout: parsed.json ? `${renderJsonError({ code: 'internal', message, ref })}\n` : '',
      stderr: `error: ${message} (details in ${logFile})\n`,
      exitCode: 1,
    };
  }
  try {
    const result = await runtime.app.dispatch({ platform: 'cli', user: { id: userInfo().username }, command: parsed.command, args: parsed.args });
    const output = formatResult(result, format);
    if (!result.ok && result.error.kind === 'internal') output.stderr = output.stderr.replace(/\n$/, ` (details in ${logFile})\n`);
    return output;
  } finally {
    await runtime.close();
    log.flush();
  }
}
