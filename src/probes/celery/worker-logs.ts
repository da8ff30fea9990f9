import { resolve } from 'node:path';
import type { Config } from '../../config/load-config.js';

/** CinemataCMS's beat unit (deploy/celery_beat.service); its log is `celery.beatLog`. */
export const BEAT_UNIT = 'celery_beat';

export interface WorkerLogPath {
  unit: string;
  /** The queue it consumes; null for beat, which only schedules. */
  queue: string | null;
  path: string;
}

/** Every worker unit with its queue and log path (relative names resolve against `celery.logDir`), then beat. */
export function listWorkerLogs(celery: Pick<Config['celery'], 'logDir' | 'workers' | 'beatLog'>): WorkerLogPath[] {
  const workers = Object.entries(celery.workers).map(([unit, w]) => ({ unit, queue: w.queue, path: resolve(celery.logDir, w.log) }));
  return [...workers, { unit: BEAT_UNIT, queue: null, path: resolve(celery.logDir, celery.beatLog) }];
}
