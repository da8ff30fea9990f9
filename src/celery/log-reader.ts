import { open, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';

/** Where reading resumes: the file (by inode) and the byte after the last whole line read. */
export interface ReadPosition {
  inode: number;
  offset: number;
}

export interface ReadOutcome {
  /** Null while the log has never existed. */
  position: ReadPosition | null;
  bytesRead: number;
  /** Bytes of the live log not read yet (the per-run budget ran out). */
  backlogBytes: number;
  /** What happened to the file since the last read, when anything did. */
  event: 'rotated' | 'rotated-unread' | 'truncated' | null;
}

const CHUNK_BYTES = 1 << 20;

/**
 * Reads the whole lines appended to a log since `from`, at most `maxBytes`, and hands each to `onLine`. Survives
 * logrotate: when the inode changed, the rest of the old file (now `<path>.1`, found by its inode) is read first,
 * then the new file from 0; a file that shrank in place (copytruncate) is read from 0. A partial last line is left
 * for the next read.
 */
export async function readNewLines(path: string, from: ReadPosition | null, maxBytes: number, onLine: (line: string) => void): Promise<ReadOutcome> {
  const live = await statOrNull(path);
  let budget = maxBytes;
  let bytesRead = 0;
  let event: ReadOutcome['event'] = null;
  let position = from;

  if (position && (live === null || live.ino !== position.inode)) {
    const rotated = await statOrNull(`${path}.1`);
    if (rotated && rotated.ino === position.inode) {
      const offset = await readRange(`${path}.1`, position.inode, position.offset, Math.min(rotated.size, position.offset + budget), onLine);
      bytesRead += offset - position.offset;
      budget -= offset - position.offset;
      // The old file is not finished: come back to it before starting the new one.
      if (offset < rotated.size) return { position: { inode: position.inode, offset }, bytesRead, backlogBytes: rotated.size - offset + (live?.size ?? 0), event: 'rotated' };
      event = 'rotated';
    } else {
      // Compressed or removed before the bot read its end: those last lines are gone.
      event = 'rotated-unread';
    }
    position = live ? { inode: live.ino, offset: 0 } : null;
  } else if (position && live && live.size < position.offset) {
    event = 'truncated';
    position = { inode: live.ino, offset: 0 };
  }
  if (live === null) return { position, bytesRead, backlogBytes: 0, event };
  position ??= { inode: live.ino, offset: 0 };
  const end = Math.min(live.size, position.offset + Math.max(0, budget));
  const offset = end > position.offset ? await readRange(path, live.ino, position.offset, end, onLine) : position.offset;
  bytesRead += offset - position.offset;
  return { position: { inode: live.ino, offset }, bytesRead, backlogBytes: live.size - offset, event };
}

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Reads [from, to) in chunks and returns the offset after the last newline handled. Stops early, without reading,
 * when the path now names another file (rotated between stat and open): the next read sorts it out.
 */
async function readRange(path: string, inode: number, from: number, to: number, onLine: (line: string) => void): Promise<number> {
  const handle = await open(path, 'r');
  try {
    if ((await handle.stat()).ino !== inode) return from;
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let carry = Buffer.alloc(0);
    let position = from;
    let consumed = from;
    while (position < to) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK_BYTES, to - position), position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const data = carry.length > 0 ? Buffer.concat([carry, buffer.subarray(0, bytesRead)]) : buffer.subarray(0, bytesRead);
      // 0x0A never occurs inside a multi-byte UTF-8 sequence, so cutting after it never splits a character.
      const last = data.lastIndexOf(10);
      if (last === -1 && data.length < CHUNK_BYTES) {
        carry = Buffer.from(data);
        continue;
      }
      // A "line" longer than a chunk is handled as is rather than read forever.
      const cut = last === -1 ? data.length : last + 1;
      for (const line of data.toString('utf8', 0, cut).split('\n')) if (line !== '') onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
      consumed += cut;
      carry = Buffer.from(data.subarray(cut));
    }
    return consumed;
  } finally {
    await handle.close();
  }
}
