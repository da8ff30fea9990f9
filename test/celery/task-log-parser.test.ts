import { appendFileSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTaskLogParser } from '../../src/celery/task-log-parser.js';
import { readTaskWindow } from '../../src/celery/task-stats-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { FIXTURES } from './support.js';

const LONG = readFileSync(join(FIXTURES, 'celery_long.log'), 'utf8').split('\n');
const SHORT = readFileSync(join(FIXTURES, 'celery_short.log'), 'utf8');
const NOW = Date.UTC(2026, 11, 4, 21, 0, 0);
const DAY = 86_400_000;

/** A temp log dir with a real SQLite store; `parser()` makes a fresh parser instance on a freshly opened store. */
function setup() {
  const dir = makeTempDir();
  const path = join(dir, 'celery_long.log');
  const storePath = join(dir, 'store.sqlite');
  const parser = (maxBytesPerRun?: number) => {
    const store = openSqliteStore(storePath);
    return { store, parser: createTaskLogParser({ store, logs: [{ unit: 'celery_long', path }], zone: 'utc', maxBytesPerRun }) };
  };
  return { dir, path, parser };
}

function counts(store: ReturnType<typeof openSqliteStore>) {
  const window = readTaskWindow(store, NOW - DAY, NOW);
  const byTask = Object.fromEntries(window.tasks.map((t) => [t.task, [t.received, t.succeeded, t.failed, t.retried, t.softTimeLimit]]));
  return { byTask, window };
}

// Counted by hand in fixtures/celery/celery_long.log (grep): 80 dated lines; 30 + 8 received, 24 + 8 succeeded, 6 raised.
const LONG_COUNTS = { encode_media: [30, 24, 6, 0, 0], produce_sprite_from_video: [8, 8, 0, 0, 0] };

describe('worker log parser', () => {
  it('counts every outcome and run time of the real worker log when it reads it once', async () => {
    const { path, parser } = setup();
    writeFileSync(path, LONG.join('\n'));
    const { store, parser: p } = parser();
    const [status] = await p.update(NOW);
    expect(status).toMatchObject({ unit: 'celery_long', linesParsed: 80, backlogBytes: 0, event: null, error: null });
    const { byTask, window } = counts(store);
    expect(byTask).toEqual(LONG_COUNTS);
    const encode = window.tasks.find((t) => t.task === 'encode_media');
    // The 24 "succeeded in" values sorted: nearest rank 12, 23 and 24.
    expect(encode).toMatchObject({ p50: 0.4037357920001341, p95: 0.8010497399998258, p99: 0.8011797629999364, max: 0.8011797629999364, failureRate: 0.2, runtimeExact: true });
    // Their sum, by bc: 12.027506345999427.
    expect(encode?.mean).toBeCloseTo(12.027506345999427 / 24, 9);
    const sprite = window.tasks.find((t) => t.task === 'produce_sprite_from_video');
    expect(sprite).toMatchObject({ p50: 0.2009042590000263, p95: 0.20439709000015682, p99: 0.20439709000015682, failureRate: 0 });
    expect(window.errors).toHaveLength(6);
    expect(window.errors[0]).toEqual({
      at: Date.UTC(2026, 11, 4, 19, 35, 25, 572),
      unit: 'celery_long',
      message: 'Task encode_media[605a38d4-9398-4148-81dd-3ca1dda48a6b] raised unexpected: ExceptionWithTraceback()',
      exception: 'RuntimeError: ffmpeg exited with 1 for encoding 1005: moov atom not found',
    });
    store.close();
  });

  it('parses only the appended lines when a new parser instance resumes from the stored offset', async () => {
    const { path, parser } = setup();
    // Line 60 is inside the first traceback: its exception line arrives with the second read.
    writeFileSync(path, LONG.slice(0, 60).join('\n') + '\n');
    const first = parser();
    const [a] = await first.parser.update(NOW);
    expect(a?.linesParsed).toBe(18);
    expect(counts(first.store).byTask.encode_media).toEqual([6, 3, 1, 0, 0]);
    first.store.close();

    appendFileSync(path, LONG.slice(60).join('\n'));
    const second = parser();
    const [b] = await second.parser.update(NOW);
    expect(b?.linesParsed).toBe(80 - 18);
    const { byTask, window } = counts(second.store);
    expect(byTask).toEqual(LONG_COUNTS);
    expect(window.errors[0]?.exception).toBe('RuntimeError: ffmpeg exited with 1 for encoding 1005: moov atom not found');
    const [c] = await second.parser.update(NOW);
    expect(c?.linesParsed).toBe(0);
    second.store.close();
  });

  it('leaves a half-written last line for the next read', async () => {
    const { path, parser } = setup();
    const line = LONG[35] as string; // "Task produce_sprite_from_video[5826ec68…] received"
    writeFileSync(path, line.slice(0, 40));
    const { store, parser: p } = parser();
    expect((await p.update(NOW))[0]?.linesParsed).toBe(0);
    appendFileSync(path, `${line.slice(40)}\n`);
    expect((await p.update(NOW))[0]?.linesParsed).toBe(1);
    expect(counts(store).byTask).toEqual({ produce_sprite_from_video: [1, 0, 0, 0, 0] });
    store.close();
  });

  it('counts both parts once when the log is rotated and the old file got lines after the last read', async () => {
    const { path, parser } = setup();
    writeFileSync(path, LONG.slice(0, 100).join('\n') + '\n');
    const { store, parser: p } = parser();
    await p.update(NOW);
    appendFileSync(path, LONG.slice(100, 150).join('\n') + '\n');
    renameSync(path, `${path}.1`);
    writeFileSync(path, LONG.slice(150).join('\n'));
    const [status] = await p.update(NOW);
    expect(status?.event).toBe('rotated');
    expect(counts(store).byTask).toEqual(LONG_COUNTS);
    await p.update(NOW);
    expect(counts(store).byTask).toEqual(LONG_COUNTS);
    store.close();
  });

  it('reads from the start when the log was truncated in place (copytruncate)', async () => {
    const { path, parser } = setup();
    writeFileSync(path, LONG.slice(0, 150).join('\n') + '\n');
    const { store, parser: p } = parser();
    await p.update(NOW);
    truncateSync(path, 0);
    appendFileSync(path, LONG.slice(150).join('\n'));
    expect((await p.update(NOW))[0]?.event).toBe('truncated');
    expect(counts(store).byTask).toEqual(LONG_COUNTS);
    store.close();
  });

  it('says lines were lost when the rotated file was compressed before its end was read', async () => {
    const { path, parser } = setup();
    writeFileSync(path, LONG.slice(0, 100).join('\n') + '\n');
    const { store, parser: p } = parser();
    await p.update(NOW);
    renameSync(path, `${path}.1.gz`);
    writeFileSync(path, LONG.slice(100).join('\n'));
    expect((await p.update(NOW))[0]?.event).toBe('rotated-unread');
    store.close();
  });

  it('catches up over several runs when the backlog is larger than one run may read', async () => {
    const { path, parser } = setup();
    writeFileSync(path, LONG.join('\n'));
    const { store, parser: p } = parser(4_096);
    const first = await p.update(NOW);
    expect(first[0]?.backlogBytes).toBeGreaterThan(0);
    let runs = 1;
    while (((await p.update(NOW))[0]?.backlogBytes ?? 0) > 0) runs++;
    expect(runs).toBeGreaterThan(2);
    expect(counts(store).byTask).toEqual(LONG_COUNTS);
    store.close();
  });

  it('counts retries, soft time limits and failures of the real short-tasks log once each', async () => {
    const { path, parser } = setup();
    writeFileSync(path, SHORT);
    const { store, parser: p } = parser();
    await p.update(NOW);
    const { byTask, window } = counts(store);
    // Counted by hand in fixtures/celery/celery_short.log: 4 "Soft time limit (1s) exceeded" lines, 2 + 2 retries.
    expect(byTask).toEqual({
      media_init: [4, 4, 0, 0, 0],
      chunkize_media: [4, 0, 2, 2, 4],
      send_notification_email: [3, 0, 1, 2, 0],
      dispatch_deferred_encodings: [1, 1, 0, 0, 0],
    });
    expect(window.errors.map((e) => e.exception)).toEqual([
      'billiard.exceptions.SoftTimeLimitExceeded: SoftTimeLimitExceeded()',
      'billiard.exceptions.SoftTimeLimitExceeded: SoftTimeLimitExceeded()',
      'ConnectionError: SMTP server refused the connection for notification 42',
    ]);
    store.close();
  });

  it('counts a soft time limit from the retry line when the warning line is missing', async () => {
    const { path, parser } = setup();
    writeFileSync(path, SHORT.split('\n').filter((l) => !l.includes('Soft time limit')).join('\n'));
    const { store, parser: p } = parser();
    await p.update(NOW);
    expect(counts(store).byTask.chunkize_media).toEqual([4, 0, 2, 2, 2]);
    store.close();
  });

  it('scrubs media access tokens from error lines', async () => {
    const { path, parser } = setup();
    writeFileSync(path, '[2026-12-04 20:00:00,000: ERROR/ForkPoolWorker-1] create_hls[abc]: mp4hls failed for https://cinemata.org/media/x.mp4?token=s3cr3t&x=1\n');
    const { store, parser: p } = parser();
    await p.update(NOW);
    expect(readTaskWindow(store, NOW - DAY, NOW).errors[0]?.message).toBe('create_hls[abc]: mp4hls failed for https://cinemata.org/media/x.mp4?token=[redacted]&x=1');
    store.close();
  });

  it('reports a missing log without failing', async () => {
    const { parser } = setup();
    const { store, parser: p } = parser();
    expect(await p.update(NOW)).toEqual([{ unit: 'celery_long', path: expect.stringContaining('celery_long.log'), linesParsed: 0, bytesRead: 0, backlogBytes: 0, event: 'missing', error: null }]);
    store.close();
  });
});
