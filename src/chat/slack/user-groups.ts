import type { Logger } from 'pino';
import type { Config } from '../../config/load-config.js';
import { describeError } from '../../errors.js';

export interface UserGroupResolver {
  /** The configured Slack user groups (`slack-group:S…` in roles.groups) that `userId` belongs to. */
  groupsOf(userId: string): Promise<string[]>;
}

export interface UserGroupOptions {
  roles: Config['roles'];
  /** usergroups.users.list for one group: its member ids. */
  listMembers(groupId: string): Promise<string[]>;
  log: Logger;
  now(): number;
  /** How long a group's member list is trusted. Default 5 minutes. */
  ttlMs?: number | undefined;
}

/**
 * Slack sends no groups with a command or a click, so membership is read with usergroups.users.list, only for
 * the groups roles mention, and cached. When Slack cannot be asked, the last known list is used; with none, the
 * user counts as outside the group: a failure never grants a role.
 */
export function createUserGroupResolver(options: UserGroupOptions): UserGroupResolver {
  const ttl = options.ttlMs ?? 5 * 60_000;
  const groupIds = Object.keys(options.roles.groups)
    .filter((key) => key.startsWith('slack-group:'))
    .map((key) => key.slice('slack-group:'.length));
  const cache = new Map<string, { members: ReadonlySet<string>; at: number }>();
  const inFlight = new Map<string, Promise<ReadonlySet<string>>>();

  function members(groupId: string): Promise<ReadonlySet<string>> {
    const cached = cache.get(groupId);
    if (cached !== undefined && options.now() - cached.at < ttl) return Promise.resolve(cached.members);
    let pending = inFlight.get(groupId);
    if (pending === undefined) {
      pending = options
        .listMembers(groupId)
        .then((list) => {
          const set = new Set(list);
          cache.set(groupId, { members: set, at: options.now() });
          return set as ReadonlySet<string>;
        })
        .catch((error: unknown) => {
          options.log.warn({ group: groupId, error: describeError(error) }, 'cannot read Slack user group members; using the last known list');
          return cached?.members ?? new Set<string>();
        })
        .finally(() => inFlight.delete(groupId));
      inFlight.set(groupId, pending);
    }
    return pending;
  }

  return {
    async groupsOf(userId) {
      const lists = await Promise.all(groupIds.map(async (id) => [id, await members(id)] as const));
      return lists.filter(([, set]) => set.has(userId)).map(([id]) => id);
    },
  };
}
