import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildEncodingFailuresReport } from '../../src/reports/encodings/encoding-failures-report.js';
import type { Report } from '../../src/reports/report.js';
import { renderJson } from '../../src/render/json.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { describeWithPostgres } from '../support/postgres.js';
import { fields, openEncodingsApp, reportText, section, tableRows, type EncodingsTestApp } from './support/encodings-app.js';

describeWithPostgres('encodings report', (db) => {
  let t: EncodingsTestApp;
  let report: Report;
  beforeAll(async () => {
    t = await openEncodingsApp(db());
    report = await t.report('encodings');
  });
  afterAll(async () => {
    await t.postgres.close();
  });

  it('lists the findings worst first, each with what to do, when stuck rows starve the queue and failures rise', () => {
    const items = section(report, 'Look at these first').blocks[0];
    expect(items?.kind).toBe('list');
    if (items?.kind !== 'list') return;
    expect(items.items.map((i) => [i.severity, i.text.split(' → ')[0]])).toEqual([
      ['critical', '41 of 50 encoding slots are held by stuck encodings (no heartbeat for over 15m); 7 deferred encodes wait'],
      ['critical', '25% of encodings failed in the last 7d (25 of 100), up from 4.0%'],
      ['warning', 'user901 holds 5 of 5 per-user slots (3 stuck); 3 more of theirs wait'],
      ['warning', 'profile h264-240: 40% (16 of 40) failed in the last 7d'],
      ['warning', 'profile h264-720: 23% (9 of 40) failed in the last 7d'],
      ['info', '2 media show encoding_status "fail" while their mp4 encodes are still pending or running'],
    ]);
    expect(items.items[0]?.text).toMatch(/→ new encodes cannot start: find each row's task_id in `celery -A cms inspect active`/);
    expect(items.items[1]?.text).toMatch(/→ top cause: Disk full \(5, e\.g\. dsk04\): df -h \/tmp/);
    expect(report.severity).toBe('critical');
    expect(report.summary).toBe('2 critical, 3 warning, 1 info: 41 of 50 encoding slots are held by stuck encodings (no heartbeat for over 15m); 7 deferred encodes wait');
  });

  it('counts encodings by status and gives the failure rate with its trend when the previous window has data', () => {
    expect(fields(report, 'Outcomes')).toEqual({
      succeeded: '75',
      failed: '25',
      'failure rate': '25% (25 of 100), up from 4.0%',
      running: '43',
      'pending (dispatched)': '7',
      deferred: '7',
    });
  });

  it('breaks the failure rate down by profile, resolution and codec, leaving chunk rows out', () => {
    expect(tableRows(report, 'Failure rate by profile')).toEqual([
      ['h264-720', '40', '9', '23%', '5.0%', '+17.5 pp'],
      ['h264-360', '20', '0', '0.0%', '0.0%', '±0 pp'],
      ['h264-240', '40', '16', '40%', '4.8%', '+35.2 pp'],
    ]);
    expect(tableRows(report, 'By resolution').map((r) => r.slice(0, 4))).toEqual([
      ['720p', '40', '9', '23%'],
      ['360p', '20', '0', '0.0%'],
      ['240p', '40', '16', '40%'],
    ]);
    expect(tableRows(report, 'By codec')).toEqual([['h264', '100', '25', '25%', '4.0%', '+21.0 pp']]);
  });

  it('names the failure causes from the real FFmpeg tails, most frequent first, with an example media and the fix', () => {
    const causes = section(report, 'Failure causes (25 failed)');
    const list = causes.blocks[0];
    if (list?.kind !== 'list') throw new Error('expected a list');
    expect(list.items.map((i) => i.text.split(' → ')[0]?.replace(/encoding \d+/, 'encoding N'))).toEqual([
      'Disk full: 5 failed (5 media), e.g. dsk04 (encoding N, h264-720)',
      'Source is not a readable video: 2 failed (2 media), e.g. fx08 (encoding N, h264-240)',
      'Invalid option or value: 2 failed (2 media), e.g. fx02 (encoding N, h264-240)',
      'Killed or interrupted: 2 failed (2 media), e.g. fx15 (encoding N, h264-240)',
      'Stopped by the no-progress safety net: 2 failed (2 media), e.g. sig05 (encoding N, h264-720)',
      'Corrupt or truncated file: 1 failed (1 media), e.g. fx03 (encoding N, h264-240)',
    ]);
    expect(list.items[0]?.text).toMatch(/→ df -h \/tmp \/home\/cinemata\/cinematacms\/media_files; remove stale/);
    expect(reportText(report)).toContain('11 more failures in 11 other classes.');
  });

  it('shows who holds the rate-limit slots against the global and per-user limits', () => {
    expect(section(report, 'Rate-limit slots').severity).toBe('critical');
    expect(fields(report, 'Rate-limit slots')).toEqual({
      'slots used': '50 of 50 (pending or running, dispatched)',
      'held by stuck rows': '41',
      'deferred backlog': '7, oldest queued 2h 0m ago',
      'per-user limit': '5',
    });
    const users = tableRows(report, 'Rate-limit slots');
    expect(users[0]).toEqual(['user901', '5/5', '3', '3']);
    expect(users).toHaveLength(10);
  });

  it('lists stuck encodings with silent-for, media, profile, chunk, task_id and temp_file', () => {
    const rows = tableRows(report, 'Stuck encodings (41, no heartbeat for over 15m)');
    expect(rows).toHaveLength(20);
    expect(rows[0]).toEqual([String(t.scenario.firstStuckId), 'stk01', 'h264-240', 'no', '3h 0m', 'held', 'task-stk01', '/tmp/tmpstk01/out.mp4']);
    expect(rows[4]?.[3]).toBe('yes');
    expect(reportText(report)).toContain('21 more not shown');
  });

  it('gives encoding time and speed per resolution, and encoded against original size per profile', () => {
    expect(tableRows(report, 'Encoding time by resolution')).toEqual([
      ['720p', '31', '1m 0s', '1h 2m', '2.00×'],
      ['360p', '20', '40s', '40m 0s', '3.00×'],
      ['240p', '24', '30s', '48m 0s', '4.00×'],
    ]);
    expect(tableRows(report, 'Size by profile')).toEqual([
      ['h264-720', '31', '3.1 GB', '620 MB', '20%', '0'],
      ['h264-360', '18', '1.8 GB', '144 MB', '8.0%', '2'],
      ['h264-240', '24', '2.4 GB', '120 MB', '5.0%', '0'],
    ]);
  });

  it('shows media whose "fail" is not final because mp4 encodes are still pending or running', () => {
    expect(tableRows(report, '"fail" that is not a failure yet (2 media)')).toEqual([
      ['misfail01', '2', '0', '1h 0m ago'],
      ['misfail02', '0', '1', '20m 0s ago'],
    ]);
  });

  it('renders when sent to the terminal or as JSON', () => {
    expect(renderTerminal(report, { color: false, width: 100 })).toContain('Encodings, last 7d');
    expect(JSON.parse(renderJson(report)).title).toBe('Encodings, last 7d');
  });

  it('says there is nothing to compare when --since is shorter and the window before is empty', async () => {
    const day = await t.report('encodings', '--since', '24h');
    expect(fields(day, 'Outcomes')['failure rate']).toBe('44% (16 of 36), no earlier figure to compare');
    expect(day.title).toBe('Encodings, last 24h');
  });

  it('refuses with bad_option when --since is not a duration', async () => {
    expect(await t.run('encodings', '--since', 'last week')).toMatchObject({ ok: false, error: { code: 'bad_option' } });
  });

  it('builds the weekly encoding-failures report: rate and trend, causes with example and fix, stuck and starving rows', async () => {
    const weekly = await buildEncodingFailuresReport({ config: t.config, services: t.app.services, now: t.clock.now });
    expect(weekly.title).toBe('Encoding failures, 7d to 2030-01-15');
    expect(weekly.severity).toBe('critical');
    expect(weekly.sections.map((s) => s.title)).toEqual([
      'Look at these first',
      'Outcomes',
      'Failure rate by profile',
      'Failure causes (25 failed)',
      'Rate-limit slots',
      'Stuck encodings (41, no heartbeat for over 15m)',
    ]);
    expect(fields(weekly, 'Outcomes')['failure rate']).toBe('25% (25 of 100), up from 4.0%');
    expect(weekly.actions?.[0]).toEqual({ id: 'encoding-dsk04', label: 'Open dsk04', command: 'encoding dsk04' });
  });
});
