import { open, stat } from 'node:fs/promises';
import { parseLogLine, type LogTimeZone } from './log-line.js';

/** What the end of a worker or beat log says about the process writing it. Times are epoch ms. */
export interface LogFileState {
  path: string;
  exists: boolean;
  sizeBytes: number | null;
  modifiedAt: number | null;
  /** Time of the last timestamped line near the end of the file. */
  lastLineAt: number | null;
  /** That line's message, clipped. */
  lastLine: string | null;
  /** Beat only: the last `Scheduler: Sending due task …` line, beat's heartbeat (about every 60 s in CinemataCMS). */
  lastDueTask: { at: number; entry: string } | null;
  /**
   * `<path>.1` changed after `<path>`: a process still writes the rotated file, so it must be restarted to write
   * the live one. (Celery's own handler reopens its log after a rename; Django's plain FileHandler does not.)
   */
  writesRotatedFile: boolean;
  /** Why the file could not be read (permissions …), or null. */
  error: string | null;
}

/** How much of the end of a log is read: hundreds of lines, enough to find beat's last due task. */
export const TAIL_BYTES = 64 * 1024;
const DUE_TASK_RE = /^Scheduler: Sending due task (.+?) \((.+)\)$/;

export async function inspectLogFile(path: string, zone: LogTimeZone): Promise<LogFileState> {
  const state: LogFileState = { path, exists: false, sizeBytes: null, modifiedAt: null, lastLineAt: null, lastLine: null, lastDueTask: null, writesRotatedFile: false, error: null };
  try {
    const live = await stat(path);
    Object.assign(state, { exists: true, sizeBytes: live.size, modifiedAt: live.mtimeMs });
    const rotated = await stat(`${path}.1`).catch(() => null);
    // A second of slack: logrotate renames, then the next line creates the live file within the same second.
    state.writesRotatedFile = rotated !== null && rotated.mtimeMs > live.mtimeMs + 1_000;
    const lines = await readTail(path, live.size);
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = parseLogLine(lines[i] as string, zone);
      if (line === null) continue;
      if (state.lastLineAt === null) {
        state.lastLineAt = line.at;
        state.lastLine = line.message.slice(0, 200);
      }
      const due = DUE_TASK_RE.exec(line.message);
      if (due) {
        state.lastDueTask = { at: line.at, entry: due[1] as string };
        break;
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return state;
    state.error = code === 'EACCES' || code === 'EPERM' ? `cannot read ${path}: permission denied` : `cannot read ${path}: ${(error as Error).message}`;
  }
  return state;
}

async function readTail(path: string, size: number): Promise<string[]> {
  const length = Math.min(size, TAIL_BYTES);
  if (length === 0) return [];
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, size - length);
    const lines = buffer.toString('utf8', 0, bytesRead).split('\n');
    // The first line is probably cut in the middle.
    if (size > length) lines.shift();
    return lines;
  } finally {
    await handle.close();
  }
}
