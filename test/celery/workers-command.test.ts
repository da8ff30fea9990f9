import { copyFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrokerSnapshot } from '../../src/celery/broker-snapshot.js';
import type { ServicesDetail } from '../../src/probes/services.js';
import type { Report } from '../../src/reports/report.js';
import { activeServices, createFakeProbe } from '../helpers/fake-probes.js';
import { CELERY_UNITS, createCeleryApp } from './celery-app.js';
import { FIXTURES, invoke, rowOf, textOf } from './support.js';

const open: Array<ReturnType<typeof createCeleryApp>> = [];
afterEach(async () => {
  for (const a of open.splice(0)) await a.close();
});

/** An app whose log dir holds the real worker and beat logs, read as UTC. */
function appWithLogs(clockStart: number, extra: Partial<Parameters<typeof createCeleryApp>[0]> = {}) {
  const created = createCeleryApp({ clockStart, zone: 'utc', ...extra });
  for (const name of ['celery_long.log', 'celery_short.log', 'beatcelery_beat.log']) copyFileSync(join(FIXTURES, name), join(created.logDir, name));
  open.push(created);
  return created;
}

async function workers(a: ReturnType<typeof createCeleryApp>): Promise<Report> {
  const result = await a.app.dispatch(invoke('workers'));
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.report;
}

function shortTasksWaiting(now: number): BrokerSnapshot {
  const lists = [0, 3, 6, 9].map((step) => ({ step, key: step === 0 ? 'short_tasks' : `short_tasks\x06\x16${step}`, depth: step === 0 ? 6 : 0 }));
  const sample = { read: 6, complete: true, tasks: [{ task: 'media_init', sampled: 6, estimated: 6, share: 1 }], eta: { sampled: 0, estimated: 0 }, unreadable: { sampled: 0, estimated: 0, reasons: [] } };
  return {
    target: '127.0.0.1:6379/1',
    queues: [{ queue: 'short_tasks', depth: 6, lists, oldest: null, next: { readable: true, task: 'media_init', step: 0, enqueuedAt: null, eta: null }, sample }],
    unacked: { count: 0, oldestDeliveredAt: null, oldestAgeSeconds: null },
    commands: 6,
    collectedAt: now,
  };
}

describe('workers', () => {
  it('shows each unit, its last log line and beat\'s last due task when all is well', async () => {
    const now = Date.UTC(2026, 11, 4, 20, 25, 0);
    const report = await workers(appWithLogs(now));
    expect(report.severity).toBe('ok');
    expect(report.summary).toBe('4 of 4 units active; nothing needs attention.');
    // The last dated line of celery_long.log is 19:35:32,825; beat's last "Sending due task" is 20:23:58,137.
    expect(rowOf(report, 'Workers', 'celery_long')).toEqual(['celery_long', 'active (running)', '1h 0m ago', '0', 'long_tasks', 'n/a', '', '49m 27s ago', '']);
    expect(rowOf(report, 'Workers', 'celery_whisper')?.[7]).toBe('no log file');
    expect(rowOf(report, 'Workers', 'celery_beat')?.slice(4)).toEqual(['beat (schedules)', '—', '', '1m 1s ago', '1m 1s ago']);
    expect(textOf(report)).toContain('queues: the broker is not configured (set CINEMATA_REDIS_URL)');
  });

  it('puts a failed worker and a stale beat first, then a silent worker with work waiting, each with the runbook step', async () => {
    const now = Date.UTC(2026, 11, 4, 20, 40, 0);
    const services = (at: number): ServicesDetail => {
      const detail = activeServices(at, CELERY_UNITS);
      detail.units[0] = { ...(detail.units[0] as ServicesDetail['units'][number]), state: 'failed', subState: 'failed', since: at - 600_000, mainPid: null };
      return detail;
    };
    const broker = createFakeProbe('celery', () => ({ detail: shortTasksWaiting(now) }));
    const report = await workers(appWithLogs(now, { services, brokerProbe: broker, redisUrl: 'redis://127.0.0.1:1/1' }));
    expect(report.severity).toBe('critical');
    const section = report.sections[0];
    const items = section?.blocks[0]?.kind === 'list' ? section.blocks[0].items : [];
    expect(items.map((i) => i.severity)).toEqual(['critical', 'critical', 'warning']);
    expect(items[0]?.text).toBe(
      'celery_long has failed for 10m 0s: nothing consumes long_tasks → why: journalctl -u celery_long -n 50; then sudo systemctl restart celery_long — it costs: every ffmpeg on the host is killed (all running encodes, sprites and Whisper audio extraction, not only this worker\'s), and each interrupted encode spends its one retry',
    );
    expect(items[1]?.text).toMatch(/^celery_beat has not sent a due task for 16m 1s \(limit 5m; last: dispatch_deferred_encodings\) → scheduled jobs are not running: .* sudo systemctl restart celery_beat \(safe: beat only schedules, no running task is lost\)$/);
    expect(items[2]?.text).toMatch(/^celery_short may be hung: 6 waiting in short_tasks, and its log has been silent for 16m 25s → see what it runs: sudo -u www-data \/home\/cinemata\/bin\/celery -A cms inspect active -d short@\$\(hostname\)/);
    expect(rowOf(report, 'Workers', 'celery_short')?.[5]).toBe('6');
    expect(rowOf(report, 'Workers', 'celery_long')?.[1]).toBe('failed (failed)');
  });

  it('asks for a restart when a rotated log is still being written', async () => {
    const now = Date.UTC(2026, 11, 4, 20, 25, 0);
    const a = appWithLogs(now);
    const live = join(a.logDir, 'celery_whisper.log');
    writeFileSync(live, '');
    writeFileSync(`${live}.1`, '[2026-12-04 20:24:00,000: INFO/MainProcess] Task whisper_transcribe[1] received\n');
    utimesSync(live, new Date(now - 3_600_000), new Date(now - 3_600_000));
    utimesSync(`${live}.1`, new Date(now - 60_000), new Date(now - 60_000));
    const report = await workers(a);
    expect(report.severity).toBe('warning');
    expect(textOf(report)).toContain('celery_whisper still writes celery_whisper.log.1 after the log was rotated → logrotate has no copytruncate, so the process keeps the old file; restart needed to write the live log: sudo systemctl restart celery_whisper');
  });
});
