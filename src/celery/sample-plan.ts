/** How many messages to read from each end of one priority list. */
export interface ListRead {
  /** From the left (the newest messages): LRANGE key 0 head-1. */
  head: number;
  /** From the right (the oldest, next out): LRANGE key -tail -1. */
  tail: number;
}

/**
 * Splits a queue's sample budget over its priority lists in proportion to their lengths, so the sample mirrors the
 * queue. Every non-empty list gets at least its last message (it is what runs next and tells the oldest wait), so
 * the bound is `budget + number of lists`. A list that fits is read whole from the right; a bigger one is read from
 * both ends: the newest show what is arriving, the oldest what is stuck.
 */
export function planSample(lengths: readonly number[], budget: number): ListRead[] {
  const total = lengths.reduce((sum, n) => sum + n, 0);
  if (total <= budget) return lengths.map((n) => ({ head: 0, tail: n }));
  const take = lengths.map((n) => (n === 0 ? 0 : Math.min(n, Math.max(1, Math.floor((budget * n) / total)))));
  let left = budget - take.reduce((sum, n) => sum + n, 0);
  // Rounding down leaves a few messages of the budget; give them to the lists with the most unread messages.
  while (left > 0) {
    let best = -1;
    for (let i = 0; i < lengths.length; i++) {
      const room = (lengths[i] ?? 0) - (take[i] ?? 0);
      if (room > 0 && (best === -1 || room > (lengths[best] ?? 0) - (take[best] ?? 0))) best = i;
    }
    if (best === -1) break;
    take[best] = (take[best] ?? 0) + 1;
    left--;
  }
  return lengths.map((n, i) => {
    const count = take[i] ?? 0;
    if (count >= n) return { head: 0, tail: n };
    const tail = Math.ceil(count / 2);
    return { head: count - tail, tail };
  });
}
