/**
 * One line of a Celery worker or beat log in Celery's default format:
 * `[2026-12-04 19:35:24,358: INFO/MainProcess] Task encode_media[179d…] received`. Lines that do not start this
 * way continue the entry above (tracebacks, the start-up banner, print() output).
 */
export interface LogLine {
  /** Epoch ms. */
  at: number;
  /** INFO, WARNING, ERROR, CRITICAL … */
  level: string;
  /** MainProcess, ForkPoolWorker-2 … */
  process: string;
  message: string;
}

/**
 * How to read the timestamps, which Celery writes in the worker's local time without a zone. `local` is the bot's
 * own zone, right when the bot runs on the same host (it reads the log files); `utc` is for tests and UTC hosts.
 */
export type LogTimeZone = 'local' | 'utc';

const LINE_RE = /^\[(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d),(\d{3}): ([A-Z]+)\/([^\]]+)\] ?(.*)$/;

export function parseLogLine(line: string, zone: LogTimeZone): LogLine | null {
  if (line.charCodeAt(0) !== 91 /* [ */) return null;
  const m = LINE_RE.exec(line);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms, level, process, message] = m as unknown as string[];
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms)] as const;
  const at = zone === 'utc' ? Date.UTC(...parts) : new Date(...parts).getTime();
  return { at, level: level as string, process: process as string, message: (message as string).trimEnd() };
}
