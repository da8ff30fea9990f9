import type { NextMessage, OldestMessage, PriorityDepth, QueueSample, QueueState, TaskShare } from './broker-snapshot.js';
import { isUnreadable, parseWaitingMessage, type UnreadableMessage, type WaitingMessage } from './kombu-message.js';

/** What was read from one priority list: its length and the raw messages from each end. */
export interface ListReading extends PriorityDepth {
  /** From LRANGE 0 …: newest first. */
  head: string[];
  /** From LRANGE -n -1: the last element is the oldest, the next out of this list. */
  tail: string[];
}

type Parsed = WaitingMessage | UnreadableMessage;

/** Turns the raw reads of one queue into its state: depth, oldest, next to run, and the scaled sample. */
export function summariseQueue(queue: string, lists: readonly ListReading[], now: number): QueueState {
  const parsed = lists.map((list) => ({ list, head: list.head.map(parseWaitingMessage), tail: list.tail.map(parseWaitingMessage) }));
  return {
    queue,
    depth: lists.reduce((sum, l) => sum + l.depth, 0),
    lists: lists.map(({ step, key, depth }) => ({ step, key, depth })),
    oldest: findOldest(parsed, now),
    next: findNext(parsed),
    sample: scaleSample(parsed),
  };
}

interface ParsedList {
  list: ListReading;
  head: Parsed[];
  tail: Parsed[];
}

function findOldest(lists: readonly ParsedList[], now: number): OldestMessage | null {
  let best: OldestMessage | null = null;
  let undatedEnd = false;
  for (const { list, tail } of lists) {
    if (list.depth === 0 || tail.length === 0) continue;
    // Lists are FIFO (LPUSH in, BRPOP out): the further right, the longer it has waited.
    for (let i = tail.length - 1; i >= 0; i--) {
      const message = tail[i] as Parsed;
      const isEnd = i === tail.length - 1;
      if (isUnreadable(message) || message.enqueuedAt === null) {
        if (isEnd) undatedEnd = true;
        continue;
      }
      const ageSeconds = Math.max(0, (now - message.enqueuedAt) / 1000);
      if (best === null || ageSeconds > best.ageSeconds) {
        best = { task: message.task, step: list.step, enqueuedAt: message.enqueuedAt, ageSeconds, atLeast: !isEnd };
      }
      break;
    }
  }
  return best === null ? null : { ...best, atLeast: best.atLeast || undatedEnd };
}

function findNext(lists: readonly ParsedList[]): NextMessage | null {
  // BRPOP is given the keys step 0 first, so the lowest non-empty step always wins.
  for (const { list, tail } of lists) {
    const message = tail[tail.length - 1];
    if (message === undefined) continue;
    if (isUnreadable(message)) return { readable: false, step: list.step, reason: message.reason };
    return { readable: true, task: message.task, step: list.step, enqueuedAt: message.enqueuedAt, eta: message.eta };
  }
  return null;
}

function scaleSample(lists: readonly ParsedList[]): QueueSample {
  const tasks = new Map<string, { sampled: number; estimated: number }>();
  const eta = { sampled: 0, estimated: 0 };
  const unreadable = { sampled: 0, estimated: 0, reasons: [] as string[] };
  let read = 0;
  let complete = true;
  for (const { list, head, tail } of lists) {
    const messages = [...head, ...tail];
    if (messages.length === 0) {
      if (list.depth > 0) complete = false;
      continue;
    }
    read += messages.length;
    if (messages.length < list.depth) complete = false;
    // Each list is scaled on its own (a stratified estimate): the priority-9 list may hold other tasks than step 0.
    const weight = Math.max(list.depth, messages.length) / messages.length;
    for (const message of messages) {
      if (isUnreadable(message)) {
        unreadable.sampled++;
        unreadable.estimated += weight;
        if (!unreadable.reasons.includes(message.reason)) unreadable.reasons.push(message.reason);
        continue;
      }
      const entry = tasks.get(message.task) ?? { sampled: 0, estimated: 0 };
      entry.sampled++;
      entry.estimated += weight;
      tasks.set(message.task, entry);
      if (message.eta !== null) {
        eta.sampled++;
        eta.estimated += weight;
      }
    }
  }
  const depth = lists.reduce((sum, l) => sum + l.list.depth, 0);
  const shares: TaskShare[] = [...tasks].map(([task, c]) => ({
    task,
    sampled: c.sampled,
    estimated: Math.round(c.estimated),
    share: depth > 0 ? Math.min(1, c.estimated / depth) : 0,
  }));
  shares.sort((a, b) => b.estimated - a.estimated || a.task.localeCompare(b.task));
  return {
    read,
    complete,
    tasks: shares,
    eta: { sampled: eta.sampled, estimated: Math.round(eta.estimated) },
    unreadable: { sampled: unreadable.sampled, estimated: Math.round(unreadable.estimated), reasons: unreadable.reasons },
  };
}
