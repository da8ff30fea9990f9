/**
 * The newest `capacity` samples of one series, oldest overwritten first. Two typed arrays instead of an array of
 * objects: memory is fixed at 16 bytes a sample and nothing is allocated per sample.
 */
export interface SampleRing {
  readonly size: number;
  /** Appends a sample; callers keep `at` non-decreasing so the ring stays sorted. */
  push(at: number, value: number): void;
  latest(): { at: number; value: number } | undefined;
  oldestAt(): number | undefined;
  /** `[at, value]` pairs with `from <= at <= to`, oldest first. */
  between(from: number, to: number): Array<[number, number]>;
}

export function createSampleRing(capacity: number): SampleRing {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
  }
  const ats = new Float64Array(capacity);
  const values = new Float64Array(capacity);
  let next = 0;
  let size = 0;

  /** Slot of the i-th oldest sample. */
  const slot = (i: number) => (next - size + i + capacity) % capacity;

  return {
    get size() {
      return size;
    },
    push(at, value) {
      ats[next] = at;
      values[next] = value;
      next = (next + 1) % capacity;
      if (size < capacity) size += 1;
    },
    latest() {
      if (size === 0) return undefined;
      const last = slot(size - 1);
      return { at: ats[last] ?? 0, value: values[last] ?? 0 };
    },
    oldestAt() {
      return size === 0 ? undefined : ats[slot(0)];
    },
    between(from, to) {
      const pairs: Array<[number, number]> = [];
      for (let i = 0; i < size; i += 1) {
        const at = ats[slot(i)] ?? 0;
        if (at >= from && at <= to) pairs.push([at, values[slot(i)] ?? 0]);
      }
      return pairs;
    },
  };
}
