import { readdir, readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

/** How the /proc and /sys readers reach the system; tests hand in fixture files and a fake clock instead. */
export interface SystemFiles {
  readText(path: string): Promise<string>;
  listDir(path: string): Promise<string[]>;
  /**
   * Milliseconds on a monotonic clock, for the interval a rate is divided by: a wall clock stepped by NTP
   * between two readings would turn into a burst of fake traffic.
   */
  monotonicNow(): number;
}

export const liveSystemFiles: SystemFiles = {
  readText: (path) => readFile(path, 'utf8'),
  listDir: (path) => readdir(path),
  monotonicNow: () => performance.now(),
};
