import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { createErrorRef, internalErrorMessage, isUserError, UserError, type UserErrorCode } from '../errors.js';
import type { Report } from '../reports/report.js';
import type { Command, OptionSpecs } from './command.js';
import type { Invocation } from './invocation.js';
import { parseOptions } from './parse-options.js';
import { hasRole, resolveRole } from './roles.js';
import type { AppServices } from './services.js';
import { suggest } from './suggest.js';

export interface DispatchFailure {
  /** `usage`: the request was wrong (CLI exit 2); `user`: an expected refusal; `internal`: a bug or outage (exit 1). */
  kind: 'usage' | 'user' | 'internal';
  code: UserErrorCode | 'internal';
  message: string;
  hint?: string | undefined;
  /** Set for internal errors: the id under which the full error is logged. */
  ref?: string | undefined;
}

export type DispatchResult = { ok: true; command: string; report: Report } | { ok: false; error: DispatchFailure };

export interface DispatcherDeps {
  registry: ReadonlyMap<string, Command<OptionSpecs>>;
  config: Config;
  services: AppServices;
  log: Logger;
  now(): number;
}

/** Runs one invocation end to end: find the command, check the role, parse options, execute, classify failures. */
export function createDispatcher(deps: DispatcherDeps): (invocation: Invocation) => Promise<DispatchResult> {
  return async (invocation) => {
    const log = deps.log.child({ component: 'dispatch', command: invocation.command, platform: invocation.platform, user: invocation.user.id });
    try {
      const command = deps.registry.get(invocation.command);
      if (!command) {
        const close = suggest(invocation.command, [...deps.registry.keys()]);
        throw new UserError('unknown_command', `unknown command "${invocation.command}"`, {
          hint: close === undefined ? 'run: cinemata-ops help' : `did you mean "${close}"?`,
        });
      }
      const role = resolveRole(deps.config.roles, invocation);
      if (!hasRole(role, command.role)) {
        throw new UserError('forbidden', `${command.name} needs the ${command.role} role; you are ${role}`, {
          hint: 'ask an admin to map your user or group in roles (cinemata-ops.yaml)',
        });
      }
      const options = parseOptions(command, invocation.args);
      const report = await command.execute({ options, invocation, role, config: deps.config, services: deps.services, log, now: deps.now });
      return { ok: true, command: command.name, report };
    } catch (error) {
      if (isUserError(error)) {
        log.info({ code: error.code }, error.message);
        return { ok: false, error: { kind: error.isUsage ? 'usage' : 'user', code: error.code, message: error.message, hint: error.hint } };
      }
      const ref = createErrorRef();
      log.error({ err: error, ref }, 'command failed');
      return { ok: false, error: { kind: 'internal', code: 'internal', message: internalErrorMessage(ref), ref } };
    }
  };
}
