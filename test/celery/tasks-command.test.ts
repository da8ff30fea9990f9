import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/reports/report.js';
import { createCeleryApp } from './celery-app.js';
import { FIXTURES, invoke, rowOf, rowsOf, textOf } from './support.js';

const NOW = Date.UTC(2026, 11, 4, 21, 0, 0);
const open: Array<ReturnType<typeof createCeleryApp>> = [];
afterEach(async () => {
  for (const a of open.splice(0)) await a.close();
});

function appWithLogs() {
  const created = createCeleryApp({ clockStart: NOW, zone: 'utc' });
  for (const name of ['celery_long.log', 'celery_short.log']) copyFileSync(join(FIXTURES, name), join(created.logDir, name));
  open.push(created);
  return created;
}

async function tasks(a: ReturnType<typeof createCeleryApp>, args: string[] = []): Promise<Report> {
  const result = await a.app.dispatch(invoke('tasks', args));
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.report;
}

describe('tasks', () => {
  it('lists every task worst first (severity, then failure rate) with counts, run-time percentiles and failure rate from the real logs', async () => {
    const report = await tasks(appWithLogs());
    expect(report.title).toBe('Celery tasks, last 1d');
    expect(report.severity).toBe('critical');
    expect(rowsOf(report, 'Tasks').map((r) => r.cells)).toEqual([
      ['encode_media', '30', '24', '6', '0', '0', '404 ms', '801 ms', '801 ms', '20%'],
      ['chunkize_media', '4', '0', '2', '2', '4', '—', '—', '—', '100%'],
      ['send_notification_email', '3', '0', '1', '2', '0', '—', '—', '—', '100%'],
      ['produce_sprite_from_video', '8', '8', '0', '0', '0', '201 ms', '204 ms', '204 ms', '0%'],
      ['media_init', '4', '4', '0', '0', '0', '78 µs', '388 µs', '388 µs', '0%'],
      ['dispatch_deferred_encodings', '1', '1', '0', '0', '0', '83 µs', '83 µs', '83 µs', '0%'],
    ]);
    const text = textOf(report);
    expect(text).toContain('encode_media: 6 of 30 runs failed (20%) → ffmpeg failed');
    expect(text).toContain('send_notification_email: 1 of 1 runs failed (100%) → mail is not going out');
    expect(text).toContain('chunkize_media: stopped by its soft time limit 4 time(s) → cut off mid-work');
    expect(text).toContain('Latest errors (9 of 9 kept)');
    expect(text).toContain('celery_short: Task send_notification_email[6ba6c180-95d8-49fc-9406-53c41886fe54] raised unexpected: ExceptionWithTraceback() — ConnectionError: SMTP server refused the connection for notification 42');
    expect(text).toContain('celery_long: Task encode_media[5abf2336-a3a7-493a-8674-8af0e826218b] raised unexpected: ExceptionWithTraceback() — RuntimeError: ffmpeg exited with 1 for encoding 1015: moov atom not found');
  });

  it('keeps to the window asked for', async () => {
    const report = await tasks(appWithLogs(), ['--since', '1h']);
    // 21:00 minus an hour: celery_long.log (19:35) is outside, celery_short.log (20:23) inside.
    expect(rowsOf(report, 'Tasks').map((r) => r.cells[0])).toEqual(['chunkize_media', 'send_notification_email', 'media_init', 'dispatch_deferred_encodings']);
    expect(rowOf(report, 'Tasks', 'encode_media')).toBeUndefined();
  });

  it('refuses a window shorter than its buckets', async () => {
    const result = await appWithLogs().app.dispatch(invoke('tasks', ['--since', '5m']));
    expect(result).toMatchObject({ ok: false, error: { kind: 'usage', code: 'bad_option', message: 'tasks: since must be at least 10m, got "5m"' } });
  });

  it('says where it looked when there are no worker logs', async () => {
    const a = createCeleryApp({ clockStart: NOW, zone: 'utc' });
    open.push(a);
    const report = await tasks(a);
    expect(textOf(report)).toContain(`no worker logs in ${a.logDir}`);
    expect(textOf(report)).toContain('No task lines in the worker logs in this window.');
  });
});
