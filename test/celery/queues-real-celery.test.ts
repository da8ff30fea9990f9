import type { ChildProcess } from 'node:child_process';
import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { BrokerSnapshot } from '../../src/celery/broker-snapshot.js';
import type { Report } from '../../src/reports/report.js';
import { describeWithRedis } from '../support/redis.js';
import { createCeleryApp, produceWithCelery, sendWithCelery, startWorker, stopWorker, type ProducerTruth } from './celery-app.js';
import { invoke, rowOf, rowsOf, textOf } from './support.js';

const WAITED_SECONDS = 900;
const base = Math.floor(Date.now() / 1000) - WAITED_SECONDS;

describeWithRedis('queues against a broker filled by the real Celery', 11, (url) => {
  const { app, clock, logDir, close } = createCeleryApp({ redisUrl: url, clockStart: (base + WAITED_SECONDS) * 1000 });
  let truth: ProducerTruth;
  let worker: ChildProcess | undefined;
  afterAll(async () => {
    if (worker) await stopWorker(worker);
    await close();
  });

  async function queues(args: string[] = []): Promise<Report> {
    const result = await app.dispatch(invoke('queues', args));
    if (!result.ok) throw new Error(`queues failed: ${JSON.stringify(result.error)}`);
    return result.report;
  }
  async function report(command: string): Promise<Report> {
    const result = await app.dispatch(invoke(command));
    if (!result.ok) throw new Error(`${command} failed: ${JSON.stringify(result.error)}`);
    return result.report;
  }
  function readLive(path: string): string {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  }
  async function snapshot(): Promise<BrokerSnapshot> {
    const reading = await app.runner.read<BrokerSnapshot>('celery');
    if (!reading.ok) throw new Error(reading.error);
    return reading.run.detail;
  }

  it('reports the true depths per priority, the oldest wait and the breakdown when no worker runs', async () => {
    truth = await produceWithCelery(url, base);
    const report = await queues();
    const detail = await snapshot();
    for (const q of detail.queues) {
      expect(q.depth, q.queue).toBe(truth.depth[q.queue] ?? 0);
      for (const list of q.lists) expect(list.depth, `${q.queue} p${list.step}`).toBe(truth.priority[`${q.queue}:${list.step}`] ?? 0);
      expect(Object.fromEntries(q.sample.tasks.map((t) => [t.task, t.estimated])), q.queue).toEqual(truth.tasks[q.queue] ?? {});
      expect(q.sample.eta.sampled, q.queue).toBe(truth.eta[q.queue] ?? 0);
    }
    const long = detail.queues.find((q) => q.queue === 'long_tasks');
    expect(long?.oldest).toEqual({ task: 'encode_media', step: 9, enqueuedAt: (truth.oldestEnqueuedAt.long_tasks ?? 0) * 1000, ageSeconds: WAITED_SECONDS, atLeast: true });

    expect(rowOf(report, 'Queues', 'long_tasks')).toEqual(['long_tasks', '15', 'p0 11 · p9 4', '≥ 15m 0s', 'produce_sprite_from_video (p0)', '—', 'celery_long']);
    expect(rowOf(report, 'Queues', 'short_tasks')).toEqual(['short_tasks', '6', 'p0 6', 'n/a', 'media_init (p0)', '1', 'celery_short']);
    expect(rowOf(report, 'Queues', 'celery')).toEqual(['celery', '1', 'p0 1', 'n/a', 'beat_test (p0)', '—', 'nobody']);
    expect(rowsOf(report, 'long_tasks: what is waiting').map((r) => r.cells)).toEqual([
      ['encode_media', '12', '12', '80%'],
      ['produce_sprite_from_video', '3', '3', '20%'],
    ]);
    expect(report.severity).toBe('warning');
    const text = textOf(report);
    expect(text).toContain('celery: 1 message waiting, and no worker consumes celery');
    expect(text).toContain('long_tasks: 4 messages at priority 9 wait behind 11 at priority 0');
    expect(text).toContain('every waiting message read (15)');
  });

  it('shows one queue when asked for it by name', async () => {
    const report = await queues(['--queue', 'whisper_tasks']);
    expect(report.title).toBe('Celery queue whisper_tasks');
    expect(rowsOf(report, 'Queues').map((r) => r.cells[0])).toEqual(['whisper_tasks']);
  });

  it('sees the queue drain to zero when a real worker consumes it, and the ETA task held unacknowledged', async () => {
    worker = startWorker(url, 'short_tasks', join(logDir, 'celery_short.log'));
    const deadline = Date.now() + 60_000;
    let waiting = '6';
    while (Date.now() < deadline) {
      clock.advance(1_001);
      waiting = rowOf(await queues(['--queue', 'short_tasks']), 'Queues', 'short_tasks')?.[1] ?? '?';
      if (waiting === '0') break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(waiting).toBe('0');
    // The countdown task is taken at once and held by the worker until due: it is in kombu's unacked hash.
    clock.advance(1_001);
    expect((await snapshot()).unacked.count).toBe(1);

    const tasks = await report('tasks');
    expect(rowOf(tasks, 'Tasks', 'media_init')?.slice(0, 6)).toEqual(['media_init', '5', '5', '0', '0', '0']);
    expect(rowOf(tasks, 'Tasks', 'dispatch_deferred_encodings')?.slice(0, 3)).toEqual(['dispatch_deferred_encodings', '1', '0']);
    const short = rowOf(await report('workers'), 'Workers', 'celery_short');
    expect(short?.[4]).toBe('short_tasks');
    expect(short?.[5]).toBe('0');
    expect(short?.[7]).toMatch(/ago$/);
  }, 120_000);

  it('follows the worker across a logrotate rename: Celery reopens its log and each line is counted once', async () => {
    const log = join(logDir, 'celery_short.log');
    renameSync(log, `${log}.1`);
    await sendWithCelery(url, 'media_init.delay("rotated")');
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !readLive(log).includes('succeeded')) await new Promise((resolve) => setTimeout(resolve, 250));
    // Celery logs through a WatchedFileHandler: the next line after the rename creates and writes the live file.
    expect(readLive(log)).toContain('Task media_init[');
    clock.advance(1_001);
    expect(rowOf(await report('tasks'), 'Tasks', 'media_init')?.slice(0, 3)).toEqual(['media_init', '6', '6']);
    expect(textOf(await report('workers'))).not.toContain('still writes');
    if (worker) await stopWorker(worker);
  }, 60_000);
});
