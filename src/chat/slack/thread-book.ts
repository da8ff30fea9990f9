import type { Report } from '../../reports/report.js';
import type { Json, Store } from '../../store/store.js';

/**
 * The optional field this adapter reads from a report (proposed for src/reports/report.ts as
 * `threadKey?: string | undefined`): reports with the same key are one conversation, e.g. one alert group's
 * firing, its reminders and its resolution. The first goes to the channel; later ones go to its thread and edit
 * the first message's status.
 */
export type ThreadedReport = Report & { threadKey?: string | undefined };

export function threadKeyOf(report: Report): string | undefined {
  const key = (report as ThreadedReport).threadKey;
  return typeof key === 'string' && key !== '' ? key : undefined;
}

/** Where an alert's conversation lives, and what its first message should show now. */
export interface AlertThread {
  channel: string;
  /** ts of the first message: the thread's parent, edited on every update. */
  ts: string;
  threadKey: string;
  /** The first report, re-rendered under the latest status. */
  original: Report;
  /** The latest report of the conversation (its title, severity and buttons go on the first message). */
  latest?: Report | undefined;
  /** Who pressed which button, newest last (at most TRAIL_LENGTH lines). */
  trail: string[];
  createdAt: number;
}

export interface ThreadBook {
  find(channel: string, threadKey: string): AlertThread | undefined;
  /** The thread whose first message is `ts` in `channel`, if that message started one. */
  findByMessage(channel: string, ts: string): AlertThread | undefined;
  save(thread: AlertThread): void;
}

export const TRAIL_LENGTH = 10;
/** Conversations are forgotten this long after they began: their alert is long resolved or re-fired anew. */
const KEEP_MS = 30 * 86_400_000;
const INDEX_KEY = 'slack:threads';

/**
 * Alert threads in the store's key/value state, so a restart still threads a resolution under its firing:
 * `slack:thread:<channel>:<key>` holds the thread, `slack:thread-root:<channel>:<ts>` points back from a message
 * (for button clicks), and an index lets old ones be pruned.
 */
export function createThreadBook(store: () => Store, now: () => number): ThreadBook {
  const threadKey = (channel: string, key: string) => `slack:thread:${channel}:${key}`;
  const rootKey = (channel: string, ts: string) => `slack:thread-root:${channel}:${ts}`;

  function prune(s: Store, index: Array<{ key: string; root: string; at: number }>): Array<{ key: string; root: string; at: number }> {
    const cutoff = now() - KEEP_MS;
    const keep = index.filter((entry) => entry.at >= cutoff);
    for (const entry of index) {
      if (entry.at >= cutoff) continue;
      s.deleteState(entry.key);
      s.deleteState(entry.root);
    }
    return keep;
  }

  return {
    find(channel, key) {
      return store().getState<Json>(threadKey(channel, key)) as AlertThread | undefined;
    },
    findByMessage(channel, ts) {
      const key = store().getState<string>(rootKey(channel, ts));
      return key === undefined ? undefined : (store().getState<Json>(threadKey(channel, key)) as AlertThread | undefined);
    },
    save(thread) {
      const s = store();
      const key = threadKey(thread.channel, thread.threadKey);
      s.transaction(() => {
        const isNew = s.getState<Json>(key) === undefined;
        s.setState(key, { ...thread, trail: thread.trail.slice(-TRAIL_LENGTH) } as unknown as Json);
        if (!isNew) return;
        s.setState(rootKey(thread.channel, thread.ts), thread.threadKey);
        const index = (s.getState<Json>(INDEX_KEY) as Array<{ key: string; root: string; at: number }> | undefined) ?? [];
        index.push({ key, root: rootKey(thread.channel, thread.ts), at: thread.createdAt });
        s.setState(INDEX_KEY, prune(s, index) as unknown as Json);
      });
    },
  };
}
