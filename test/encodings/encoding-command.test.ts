import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgClient } from '../../src/postgres/pg-client.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { createTestApp } from '../helpers/test-app.js';
import { describeWithPostgres } from '../support/postgres.js';
import { ENCODING_COMMANDS, fields, openEncodingsApp, reportText, section, tableRows, type EncodingsTestApp } from './support/encodings-app.js';
import { EXPECTED_CLASSES, readFfmpegFixture } from './support/ffmpeg-fixtures.js';
import { FIXTURE_TOKENS } from './support/scenario.js';
import { failureClass } from '../../src/encodings/failure-classes.js';

describeWithPostgres('encoding command', (db) => {
  let t: EncodingsTestApp;
  beforeAll(async () => {
    t = await openEncodingsApp(db());
  });
  afterAll(async () => {
    await t.postgres.close();
  });

  it('explains a failed encoding by token: class, explanation, fix, the raw tail and the runbook steps in order', async () => {
    const report = await t.report('encoding', 'fx03');
    const id = t.scenario.fixtureEncodingIds.corrupt_container;
    expect(report.title).toBe('Encodings of fx03');
    expect(report.summary).toBe(`1 failed, latest: encoding ${id} (h264-240): Corrupt or truncated file`);
    expect(tableRows(report, 'Encodings (1)')).toEqual([[String(id), 'h264-240', 'no', 'fail', '2', 'finished 6h 0m ago', 'n/a', '', 'Corrupt or truncated file']]);
    const failed = section(report, `Encoding ${id} (h264-240) failed: Corrupt or truncated file`);
    const cls = failureClass('corrupt-container');
    expect(fields(report, failed.title ?? '')).toEqual({ 'what happened': cls.explanation, fix: cls.fix, origin: 'source' });
    const code = failed.blocks.find((b) => b.kind === 'code');
    expect(code?.kind === 'code' && code.text).toContain('moov atom not found\n/tmp/cinemata-ffmpeg-fixtures/media_files/original/user/demo/truncated.mp4: Invalid data found when processing input');
    const steps = failed.blocks.find((b) => b.kind === 'list');
    if (steps?.kind !== 'list') throw new Error('expected the runbook steps');
    expect(steps.items.map((i) => i.text.split(':')[0])).toEqual([
      'Cause',
      'If the tail does not say enough',
      'Check the source',
      'Read the worker log',
      'Check the encoding host',
      'Re-encode once fixed',
    ]);
    expect(steps.items[3]?.text).toContain('grep task-fx03 /home/cinemata/cinematacms/logs/celery_long.log');
    expect(steps.items[5]?.text).toContain('POST /api/v1/media/fx03 {"type":"encode","encoding_profiles":[19]}');
  });

  for (const [name, token] of Object.entries(FIXTURE_TOKENS)) {
    it(`shows the class of the ${name} tail for media ${token}`, async () => {
      const report = await t.report('encoding', token);
      const title = failureClass(EXPECTED_CLASSES[name]?.tail ?? 'unknown').title;
      expect(report.summary).toMatch(new RegExp(`: ${title.replace(/[()]/g, '\\$&')}$`));
      expect(reportText(report)).toContain(readFfmpegFixture(name).tail.replace(/\r\n?/g, '\n').replace(/\n{2,}/g, '\n').trim());
    });
  }

  it('shows one encoding by numeric id, and for a stuck one the checks that tell a live task from an orphan', async () => {
    const id = t.scenario.firstStuckId;
    const report = await t.report('encoding', String(id));
    expect(report.title).toBe(`Encoding ${id} of stk01`);
    expect(tableRows(report, `Encoding ${id}`)).toEqual([[String(id), 'h264-240', 'no', 'running', '1', '3h 0m ago (stuck)', 'n/a', '', '']]);
    expect(reportText(report)).toContain('Is the task alive? celery -A cms inspect active | grep task-stk01');
    expect(reportText(report)).toContain('Is FFmpeg alive? ps -eo pid,etime,args | grep /tmp/tmpstk01/out.mp4');
    expect(report.severity).toBe('warning');
  });

  it('says a "fail" status is not final while the mp4 encodes wait', async () => {
    const report = await t.report('encoding', 'misfail01');
    expect(fields(report, 'Media').encoding_status).toBe('fail (not yet: mp4 encodes are still pending or running)');
    expect(tableRows(report, 'Encodings (2)').map((r) => r[3])).toEqual(['pending (deferred)', 'pending (deferred)']);
  });

  it('shows every encoding with size and run time when the media has several', async () => {
    const report = await t.report('encoding', 'ok01');
    expect(tableRows(report, 'Encodings (4)').map((r) => [r[1], r[2], r[3], r[6], r[7]])).toEqual([
      ['h264-720', 'no', 'success', '1m 0s', '20.0 MB'],
      ['h264-360', 'no', 'success', '40s', '8.0 MB'],
      ['h264-240', 'no', 'success', '30s', '5.0 MB'],
      ['h264-240', 'yes', 'success', '5s', '1.0 MB'],
    ]);
    expect(report.severity).toBe('ok');
  });

  it('refuses with bad_option when the target is neither an id nor a friendly_token', async () => {
    for (const target of ['12-3', 'abcdefghijklm', "x'; DROP TABLE files_media; --", '1234567890123']) {
      expect(await t.run('encoding', target)).toMatchObject({ ok: false, error: { kind: 'usage', code: 'bad_option' } });
    }
  });

  it('says not_found when no encoding or media matches', async () => {
    expect(await t.run('encoding', '999999999')).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'encoding: no encoding with id 999999999 and no media with friendly_token "999999999"' },
    });
    expect(await t.run('encoding', 'zzzzzzzzz')).toMatchObject({ ok: false, error: { code: 'not_found', message: 'encoding: no media with friendly_token "zzzzzzzzz"' } });
  });

  it('refuses with missing_argument when no target is given', async () => {
    expect(await t.run('encoding')).toMatchObject({ ok: false, error: { code: 'missing_argument' } });
  });
});

describe('encoding commands without a database', () => {
  it('answer unavailable with a clear message when the connection is refused', async () => {
    const postgres = createPgClient({ url: 'postgres://ops@127.0.0.1:1/mediacms', statementTimeoutMs: 1000, log: createCapturingLogger().log });
    const { app } = createTestApp([], { postgres, commands: ENCODING_COMMANDS });
    for (const [command, args] of [['encodings', []], ['encoding', ['fx03']]] as const) {
      const result = await app.dispatch({ platform: 'cli', user: { id: 'tester' }, command, args });
      expect(result).toMatchObject({
        ok: false,
        error: { kind: 'user', code: 'unavailable', message: 'cannot reach PostgreSQL at 127.0.0.1:1/mediacms: connection refused (is the server running, and is CINEMATA_DATABASE_URL right?)' },
      });
    }
    await postgres.close();
  });

  it('answer unavailable with the setting to fix when PostgreSQL is not configured', async () => {
    const { app } = createTestApp([], { commands: ENCODING_COMMANDS });
    const result = await app.dispatch({ platform: 'cli', user: { id: 'tester' }, command: 'encodings', args: [] });
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', message: 'PostgreSQL is not configured' } });
  });
});
