/** Runs queued tasks at most `concurrency` at a time, in arrival order; a failure is reported, never thrown. */
export interface WorkQueue {
  push(task: () => Promise<void>, what: string): void;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
}

export function createWorkQueue(concurrency: number, onError: (error: unknown, what: string) => void): WorkQueue {
  const queue: Array<{ task: () => Promise<void>; what: string }> = [];
  let running = 0;
  const waiters: Array<() => void> = [];

  function next(): void {
    while (running < concurrency && queue.length > 0) {
      const { task, what } = queue.shift() as { task: () => Promise<void>; what: string };
      running++;
      // A macrotask away, so the acknowledgement that queued it is written before any of the work runs.
      setImmediate(() => {
        task()
          .catch((error: unknown) => onError(error, what))
          .finally(() => {
            running--;
            next();
          });
      });
    }
    if (running === 0 && queue.length === 0) for (const resolve of waiters.splice(0)) resolve();
  }

  return {
    push(task, what) {
      queue.push({ task, what });
      next();
    },
    idle() {
      if (running === 0 && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
