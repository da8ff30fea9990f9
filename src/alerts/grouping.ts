import type { AlertRecord, Json } from '../store/store.js';

/**
 * Notification groups, with Alertmanager's timers: a new group waits `groupWait` before its first notification
 * (so alerts that come together are told together), then changes are told at most every `groupInterval`, and a
 * group that keeps firing unchanged is repeated every `repeatInterval`.
 *
 * One difference, because this engine also sees pending alerts (Alertmanager only ever receives firing ones):
 * the wait counts from the moment the group's first alert becomes pending. A rule whose `for` is at least the
 * group wait therefore notifies in the same evaluation it fires, instead of 30 s later.
 */
export interface GroupState {
  key: string;
  /** The groupBy labels and the severity. */
  labels: Record<string, string>;
  /** When its first alert became active. */
  createdAt: number;
  /** When its last notification was decided; null before the first. */
  lastSentAt: number | null;
  /** When it may next notify. */
  nextFlushAt: number;
  /** Notifications decided so far; part of the outbox dedup key. */
  seq: number;
}

export interface GroupTimers {
  groupWait: number;
  groupInterval: number;
  repeatInterval: number;
}

/** `rule` in groupBy is the rule id; the severity is always part of the key, since routing is by severity. */
export function groupOf(alert: AlertRecord, groupBy: readonly string[]): { key: string; labels: Record<string, string> } {
  const labels: Record<string, string> = { severity: alert.severity };
  for (const name of groupBy) labels[name] = name === 'rule' ? alert.ruleId : (alert.labels[name] ?? '');
  const key = [`severity=${alert.severity}`, ...groupBy.map((name) => `${name}=${labels[name]}`)].join(',');
  return { key, labels };
}

export function newGroup(key: string, labels: Record<string, string>, now: number, timers: GroupTimers): GroupState {
  return { key, labels, createdAt: now, lastSentAt: null, nextFlushAt: now + timers.groupWait, seq: 0 };
}

export type FlushKind = 'notify' | 'remind';

/**
 * Whether the group notifies at `now`: `notify` when something owes a notice, `remind` when it still fires
 * unacknowledged and the repeat interval has passed, else nothing. Only at or after nextFlushAt.
 */
export function flushKind(group: GroupState, now: number, timers: GroupTimers, hasChanges: boolean, hasReminders: boolean): FlushKind | undefined {
  if (now < group.nextFlushAt) return undefined;
  if (hasChanges) return 'notify';
  if (group.lastSentAt !== null && hasReminders && now - group.lastSentAt >= timers.repeatInterval) return 'remind';
  return undefined;
}

/** After a flush: the next one is a group interval away. A group that never notified keeps checking each round. */
export function afterFlush(group: GroupState, now: number, timers: GroupTimers, sent: boolean): GroupState {
  if (!sent && group.lastSentAt === null) return group;
  if (sent) return { ...group, lastSentAt: now, nextFlushAt: now + timers.groupInterval, seq: group.seq + 1 };
  if (now < group.nextFlushAt) return group;
  // Nothing to say at this tick: the next tick is one interval on (as Alertmanager's ticker).
  let next = group.nextFlushAt;
  while (next <= now) next += timers.groupInterval;
  return { ...group, nextFlushAt: next };
}

export function groupsToJson(groups: ReadonlyMap<string, GroupState>): Json {
  return Object.fromEntries([...groups].map(([key, group]) => [key, { ...group }])) as Json;
}

export function groupsFromJson(value: Json | undefined): Map<string, GroupState> {
  const groups = new Map<string, GroupState>();
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) return groups;
  for (const [key, raw] of Object.entries(value)) {
    const group = raw as unknown as GroupState;
    if (typeof group?.createdAt === 'number' && typeof group.nextFlushAt === 'number') groups.set(key, { ...group, key });
  }
  return groups;
}
