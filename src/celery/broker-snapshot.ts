/** What one read of the Celery broker found. Times are epoch ms, ages seconds. */
export interface BrokerSnapshot {
  /** `host:port/db` of the broker. */
  target: string;
  /** One entry per configured queue, in config order. */
  queues: QueueState[];
  unacked: UnackedState;
  /** Redis commands this read issued; it does not grow with queue length beyond the bounded sample. */
  commands: number;
  collectedAt: number;
}

export interface QueueState {
  queue: string;
  /** Waiting messages: the sum over every priority list. */
  depth: number;
  /** In drain order: step 0 (the bare name, drained first) up to the highest step (drained last). */
  lists: PriorityDepth[];
  /** The waiting message with the earliest `enqueued_at` among the ends read; null when none carries the header. */
  oldest: OldestMessage | null;
  /** What a free worker takes next: the right end of the lowest-step non-empty list. */
  next: NextMessage | null;
  sample: QueueSample;
}

export interface PriorityDepth {
  step: number;
  /** The Redis key, separator bytes included. */
  key: string;
  depth: number;
}

export interface OldestMessage {
  task: string;
  step: number;
  enqueuedAt: number;
  ageSeconds: number;
  /**
   * True when an older message may exist: the dated message was not at the very end of its list, or another list
   * ends with a message without `enqueued_at` (CinemataCMS sets it on encode_media only).
   */
  atLeast: boolean;
}

export type NextMessage =
  | { readable: true; task: string; step: number; enqueuedAt: number | null; eta: number | null }
  | { readable: false; step: number; reason: string };

/** A bounded sample of the queue, read from both ends of each list, with counts scaled to the whole queue. */
export interface QueueSample {
  /** Messages read. */
  read: number;
  /** True when every waiting message was read: the counts are exact, not estimates. */
  complete: boolean;
  /** Sorted by estimated count, largest first. */
  tasks: TaskShare[];
  /** Messages with `headers.eta` (a countdown or eta): they wait for a time, not for a worker. */
  eta: SampledCount;
  /** Entries that are not Celery messages (bad JSON, no headers.task); the depth still counts them. */
  unreadable: SampledCount & { reasons: string[] };
}

export interface SampledCount {
  sampled: number;
  /** Scaled to the whole queue, per priority list; equal to `sampled` when the sample is complete. */
  estimated: number;
}

export interface TaskShare extends SampledCount {
  task: string;
  /** Share of the queue, 0–1, from the estimate. */
  share: number;
}

export interface UnackedState {
  /** Messages delivered to a worker and not acknowledged yet (HLEN unacked); ETA tasks held by a worker are here. */
  count: number;
  /** When the longest-held one was delivered (lowest score of unacked_index); null when none. */
  oldestDeliveredAt: number | null;
  oldestAgeSeconds: number | null;
}
