/**
 * kombu's Redis key layout (kombu/transport/redis.py `_q_for_pri`, `unacked_key`, `unacked_index_key`): a queue is
 * one list per priority step, step 0 under the bare name. Only these keys are ever read; nothing is listed or
 * scanned, because the same DB holds Django's cache and every user session.
 */
export interface KombuLayout {
  /** broker_transport_options `global_keyprefix`; '' by default. */
  keyPrefix: string;
  /** broker_transport_options `sep`; kombu's default is '\x06\x16'. */
  prioritySeparator: string;
  /** broker_transport_options `priority_steps`; [0, 3, 6, 9] by default. */
  prioritySteps: readonly number[];
}

export interface PriorityList {
  step: number;
  key: string;
}

/**
 * The lists of one queue in the order kombu's BRPOP drains them: the lowest step (the highest priority) first.
 * Step 0 is the bare name, as kombu writes it.
 */
export function listPriorityKeys(queue: string, layout: KombuLayout): PriorityList[] {
  const steps = [...new Set(layout.prioritySteps)].sort((a, b) => a - b);
  return steps.map((step) => ({
    step,
    key: `${layout.keyPrefix}${step === 0 ? queue : `${queue}${layout.prioritySeparator}${step}`}`,
  }));
}

/** The hash of delivered, not yet acknowledged messages and its index scored by delivery time (epoch seconds). */
export function unackedKeys(layout: KombuLayout): { hash: string; index: string } {
  return { hash: `${layout.keyPrefix}unacked`, index: `${layout.keyPrefix}unacked_index` };
}

/** A key as people can read it: the separator's control bytes written as \x06\x16. */
export function showKey(key: string): string {
  return key.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
