import { afterEach, describe, expect, it } from 'vitest';
import { describeWithRedis } from '../support/redis.js';
import { createCeleryApp } from './celery-app.js';
import { envelope, invoke, rowOf, rowsOf, textOf } from './support.js';

type CeleryApp = ReturnType<typeof createCeleryApp>;
const open: CeleryApp[] = [];
function app(options: Parameters<typeof createCeleryApp>[0] = {}): CeleryApp {
  const created = createCeleryApp(options);
  open.push(created);
  return created;
}
afterEach(async () => {
  for (const a of open.splice(0)) await a.close();
});

describe('queues without a usable broker', () => {
  it('refuses an unknown queue with the closest name and the usage', async () => {
    const { app: a } = app({ redisUrl: 'redis://127.0.0.1:1/1' });
    const result = await a.dispatch(invoke('queues', ['--queue', 'long_task']));
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'usage',
        code: 'bad_option',
        message: 'queues: no watched queue is named "long_task"',
        hint: 'did you mean "long_tasks"? usage: queues [--queue NAME]; watched queues: long_tasks, short_tasks, whisper_tasks, celery',
      },
    });
  });

  it('says how to configure the broker when CINEMATA_REDIS_URL is unset', async () => {
    const { app: a } = app();
    const result = await a.dispatch(invoke('queues'));
    expect(result).toMatchObject({ ok: false, error: { kind: 'user', code: 'unavailable', message: 'the Celery broker (Redis) is not configured', hint: expect.stringContaining('CINEMATA_REDIS_URL') } });
  });

  it('answers with a clear message, records the blind spot and keeps answering other commands when Redis is unreachable', async () => {
    const { app: a } = app({ redisUrl: 'redis://127.0.0.1:1/1' });
    const refused = 'cannot reach Redis at 127.0.0.1:1/1: connection refused (is redis-server running, and is CINEMATA_REDIS_URL right?)';
    await a.tick();
    expect(a.runner.statuses().find((s) => s.id === 'celery')).toMatchObject({ ok: false, error: refused, consecutiveFailures: 1 });
    expect(await a.dispatch(invoke('queues'))).toMatchObject({ ok: false, error: { kind: 'user', code: 'unavailable', message: refused } });

    const workers = await a.dispatch(invoke('workers'));
    expect(workers.ok).toBe(true);
    if (workers.ok) {
      expect(rowOf(workers.report, 'Workers', 'celery_long')?.[5]).toBe('n/a');
      expect(textOf(workers.report)).toContain(`queues: ${refused}`);
    }
    expect((await a.dispatch(invoke('version'))).ok).toBe(true);
    expect((await a.dispatch(invoke('tasks'))).ok).toBe(true);
  });
});

describeWithRedis('queues with malformed messages in the broker', 12, (url, admin) => {
  it('counts entries that are not Celery messages as unreadable and keeps the depth right', async () => {
    // LPUSH order: the first pushed is the right end, what a worker would take next.
    await admin().lpush('long_tasks', '{"body": "not closed', JSON.stringify({ headers: {}, properties: {} }), envelope('encode_media'), envelope('encode_media'), envelope('create_hls'));
    const { app: a } = app({ redisUrl: url });
    const result = await a.dispatch(invoke('queues', ['--queue', 'long_tasks']));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const report = result.report;
    expect(rowOf(report, 'Queues', 'long_tasks')?.slice(0, 5)).toEqual(['long_tasks', '5', 'p0 5', 'n/a', 'unreadable message (p0)']);
    expect(rowsOf(report, 'long_tasks: what is waiting').map((r) => r.cells)).toEqual([
      ['encode_media', '2', '2', '40%'],
      ['create_hls', '1', '1', '20%'],
      ['(unreadable)', '2', '2', ''],
    ]);
    expect(report.severity).toBe('warning');
    expect(textOf(report)).toContain('long_tasks: 2 of 5 messages read are not Celery messages (no headers.task: not a Celery protocol 2 message; not JSON)');
  });
});
