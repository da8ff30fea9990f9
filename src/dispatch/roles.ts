import type { Config } from '../config/load-config.js';
import type { Role } from '../config/schema-helpers.js';
import type { Invocation } from './invocation.js';

export const ROLE_RANK: Readonly<Record<Role, number>> = { viewer: 0, operator: 1, admin: 2 };

/**
 * The role of whoever sent an invocation. The terminal is always admin: whoever can run the CLI on the host
 * already has more power than any command gives. Chat users get the highest of their user and group mappings.
 */
export function resolveRole(roles: Config['roles'], invocation: Invocation): Role {
  if (invocation.platform === 'cli' || invocation.platform === 'console') return 'admin';
  const platform = invocation.platform;
  const candidates: Role[] = [roles.default];
  const own = roles.users[`${platform}:${invocation.user.id}`];
  if (own) candidates.push(own);
  const groupPrefix = platform === 'slack' ? 'slack-group' : 'discord-role';
  for (const group of invocation.user.groups ?? []) {
    const mapped = roles.groups[`${groupPrefix}:${group}`];
    if (mapped) candidates.push(mapped);
  }
  return candidates.reduce((best, role) => (ROLE_RANK[role] > ROLE_RANK[best] ? role : best));
}

export function hasRole(actual: Role, required: Role): boolean {
  return ROLE_RANK[actual] >= ROLE_RANK[required];
}
