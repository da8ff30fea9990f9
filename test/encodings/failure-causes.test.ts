import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryFailureCauses } from '../../src/encodings/queries/failure-causes.js';
import { createPgClient, type PgClient } from '../../src/postgres/pg-client.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { describeWithPostgres } from '../support/postgres.js';
import { readFfmpegFixture } from './support/ffmpeg-fixtures.js';
import { NOW } from './support/scenario.js';

describeWithPostgres('failure causes over many rows', (db) => {
  let postgres: PgClient;
  beforeAll(async () => {
    const client = await db().client();
    // 4,500 failures (three cursor pages) over 300 media: two in three disk-full, one in three killed.
    await client.query(
      `INSERT INTO files_encoding (logs, status, media_file, progress, add_date, update_date, temp_file, task_id, size, commands,
         total_run_time, retries, worker, chunk, chunk_file_path, chunks_info, profile_id, media_id, filename, task_dispatched)
       SELECT CASE WHEN i % 3 = 0 THEN $2 ELSE $3 END, 'fail', '', 0, $1::timestamptz, $1::timestamptz, '', '', '', '[]', 0, 0,
         'localhost', false, '', '', 19, 1 + i % 300, '', true
       FROM generate_series(1, 4500) AS i`,
      [new Date(NOW - 3_600_000).toISOString(), readFfmpegFixture('killed').tail, readFfmpegFixture('disk_full').tail],
    );
    postgres = createPgClient({ url: db().url, statementTimeoutMs: 5000, log: createCapturingLogger().log });
  });
  afterAll(async () => {
    await postgres.close();
  });

  it('counts every failure and its distinct media when they span several cursor pages', async () => {
    const causes = await postgres.readOnly((q) => queryFailureCauses(q, { start: NOW - 86_400_000, end: NOW }));
    expect(causes.map((c) => [c.classId, c.encodings, c.media])).toEqual([
      ['disk-full', 3000, 200],
      ['killed', 1500, 100],
    ]);
    const maxId = await postgres.readOnly((q) => q<{ id: number }>(`SELECT max(id) AS id FROM files_encoding WHERE logs LIKE '%No space left%'`));
    expect(causes[0]?.example.encodingId).toBe(maxId[0]?.id);
    expect(causes[0]?.example.profile).toBe('h264-240');
  });

  it('finds nothing in a window without failures', async () => {
    expect(await postgres.readOnly((q) => queryFailureCauses(q, { start: NOW - 60_000, end: NOW }))).toEqual([]);
  });
});
