import type { Config } from '../../config/load-config.js';
import type { Command, OptionSpecs } from '../../dispatch/command.js';
import type { DispatchFailure } from '../../dispatch/dispatch.js';
import type { Invocation } from '../../dispatch/invocation.js';
import { parseOptions } from '../../dispatch/parse-options.js';
import { hasRole, resolveRole } from '../../dispatch/roles.js';
import { suggest } from '../../dispatch/suggest.js';
import { isUserError, UserError } from '../../errors.js';

/**
 * The dispatcher's own checks (command known, role sufficient, options valid), run before deferring. They are pure
 * and take microseconds, and knowing the answer before the first response lets a refusal or a typo be answered
 * privately at once instead of after a public "thinking…". The dispatcher checks again when the command runs.
 */
export function checkInvocation(
  invocation: Invocation,
  registry: ReadonlyMap<string, Command<OptionSpecs>>,
  config: Pick<Config, 'roles'>,
): DispatchFailure | undefined {
  try {
    if (invocation.command === '') throw new UserError('missing_argument', 'which command?', { hint: '/ops help lists them' });
    const command = registry.get(invocation.command);
    if (!command) {
      const close = suggest(invocation.command, [...registry.keys()]);
      throw new UserError('unknown_command', `unknown command "${invocation.command}"`, {
        hint: close === undefined ? '/ops help lists the commands' : `did you mean "${close}"?`,
      });
    }
    const role = resolveRole(config.roles, invocation);
    if (!hasRole(role, command.role)) {
      throw new UserError('forbidden', `${command.name} needs the ${command.role} role; you are ${role}`, { hint: roleHint(invocation) });
    }
    parseOptions(command, invocation.args);
    return undefined;
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { kind: error.isUsage ? 'usage' : 'user', code: error.code, message: error.message, hint: error.hint };
  }
}

/** The exact keys an admin would add to `roles` in cinemata-ops.yaml for this person. */
function roleHint(invocation: Invocation): string {
  const keys = [`users: discord:${invocation.user.id}`, ...(invocation.user.groups ?? []).map((g) => `groups: discord-role:${g}`)];
  return `ask an admin to map you in roles (cinemata-ops.yaml): ${keys.join(', ')}`;
}
