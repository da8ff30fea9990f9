import type pg from 'pg';
import { CINEMATA_SIGNATURES, EXPECTED_CLASSES, readFfmpegFixture } from './ffmpeg-fixtures.js';
import { insertEncoding, insertMedia } from './encoding-rows.js';

/**
 * The bot's clock in these tests. The template's generated rows are dated around the day it was built, years
 * earlier, so no window here sees them: every figure below comes from the rows this file inserts.
 */
export const NOW = Date.UTC(2030, 0, 15, 12, 0, 0);
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export const PROFILE = { h264_720: 10, h264_360: 16, h264_240: 19, h264_480: 13 } as const;

/** friendly_token of the media that failed with each FFmpeg fixture's tail, e.g. fx03 for corrupt_container. */
export const FIXTURE_TOKENS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.keys(EXPECTED_CLASSES)
    .sort()
    .map((name, i) => [name, `fx${String(i + 1).padStart(2, '0')}`]),
);

export interface Scenario {
  /** files_encoding.id of the first stuck row (media stk01). */
  firstStuckId: number;
  /** files_encoding.id of the failed row of each fixture. */
  fixtureEncodingIds: Record<string, number>;
}

/**
 * Inserts the encodings the tests assert on. Expected figures (7 d window ending at NOW, previous 7 d before it):
 * - finished: 75 success + 25 fail = 100 (25 %); previous window 48 + 2 = 50 (4 %).
 *   h264-240: 24 + 16 (the 16 FFmpeg fixture tails, 6 h ago); h264-720: 31 + 9 (5 CinemataCMS signatures and 4
 *   more disk-full tails, 3 d ago); h264-360: 20 + 0 (12 h ago). One chunk success and one chunk fail are ignored.
 * - the last 24 h: h264-240 16 failed, h264-360 20 succeeded (16 of 36 failed).
 * - slots: 41 stuck running (silent 3 h) + 2 running + 7 pending dispatched = 50 of 50; 7 deferred, oldest 2 h.
 *   user901 holds 5 (3 stuck, 2 pending) with 3 deferred; user930 has 4 deferred and no slot.
 * - misleading fail: misfail01 (2 deferred mp4 rows), misfail02 (1 running mp4 row).
 */
export async function seedScenario(client: pg.Client): Promise<Scenario> {
  let mediaId = 200_000;
  const media = async (token: string, userId: number, extra: { encodingStatus?: string; size?: string | null } = {}) => {
    mediaId += 1;
    await insertMedia(client, { id: mediaId, token, userId, ...extra });
    return mediaId;
  };
  const fixtureEncodingIds: Record<string, number> = {};

  // Failures in the window: every real FFmpeg tail on h264-240, 6 h ago.
  for (const [name, token] of Object.entries(FIXTURE_TOKENS)) {
    const id = await media(token, 500, { encodingStatus: 'fail' });
    const at = NOW - 6 * HOUR;
    fixtureEncodingIds[name] = await insertEncoding(client, {
      mediaId: id,
      profileId: PROFILE.h264_240,
      status: 'fail',
      logs: readFfmpegFixture(name).tail,
      addDate: at - 5 * MIN,
      updateDate: at,
      retries: 1,
      taskId: `task-${token}`,
      tempFile: `/tmp/tmp${token}/out.mp4`,
    });
  }
  // CinemataCMS's own messages and four more full disks on h264-720, 3 days ago.
  const disk = readFfmpegFixture('disk_full').tail;
  const others = [...CINEMATA_SIGNATURES.map((s) => s.logs), disk, disk, disk, disk];
  for (const [i, logs] of others.entries()) {
    const token = i < CINEMATA_SIGNATURES.length ? `sig${String(i + 1).padStart(2, '0')}` : `dsk${String(i - CINEMATA_SIGNATURES.length + 1).padStart(2, '0')}`;
    const id = await media(token, 501, { encodingStatus: 'fail' });
    await insertEncoding(client, { mediaId: id, profileId: PROFILE.h264_720, status: 'fail', logs, addDate: NOW - 3 * DAY - 5 * MIN, updateDate: NOW - 3 * DAY });
  }

  // Successes: 31 media of 120 s and "100.0MB"; sizes and run times give known speeds and ratios.
  for (let i = 1; i <= 31; i++) {
    const token = `ok${String(i).padStart(2, '0')}`;
    const id = await media(token, 600);
    const success = (profileId: number, runTime: number, size: string, at: number) =>
      insertEncoding(client, { mediaId: id, profileId, status: 'success', addDate: at - runTime * 1000, updateDate: at, totalRunTime: runTime, size });
    await success(PROFILE.h264_720, 60, '20.0MB', NOW - 3 * DAY);
    if (i <= 24) await success(PROFILE.h264_240, 30, '5.0MB', NOW - 3 * DAY);
    if (i <= 20) await success(PROFILE.h264_360, 40, i === 19 ? '' : i === 20 ? 'n/a' : '8.0MB', NOW - 12 * HOUR);
    if (i === 1) await insertEncoding(client, { mediaId: id, profileId: PROFILE.h264_240, status: 'success', chunk: true, addDate: NOW - 3 * DAY, updateDate: NOW - 3 * DAY, size: '1.0MB', totalRunTime: 5 });
    if (i === 2) await insertEncoding(client, { mediaId: id, profileId: PROFILE.h264_240, status: 'fail', chunk: true, logs: disk, addDate: NOW - 3 * DAY, updateDate: NOW - 3 * DAY });
  }

  // The previous window, 10 days ago: 48 successes and 2 failures.
  for (let i = 1; i <= 21; i++) {
    const id = await media(`old${String(i).padStart(2, '0')}`, 601);
    const at = NOW - 10 * DAY;
    const row = (profileId: number, status: 'success' | 'fail') => insertEncoding(client, { mediaId: id, profileId, status, addDate: at - MIN, updateDate: at, totalRunTime: 10, size: '1.0MB' });
    await row(PROFILE.h264_240, i <= 20 ? 'success' : 'fail');
    if (i <= 20) await row(PROFILE.h264_720, i <= 19 ? 'success' : 'fail');
    if (i <= 9) await row(PROFILE.h264_360, 'success');
  }

  // 41 stuck running rows, silent for 3 h: 3 of user901, two each for users 902..920.
  let firstStuckId = -1;
  for (let i = 1; i <= 41; i++) {
    const token = `stk${String(i).padStart(2, '0')}`;
    const user = i <= 3 ? 901 : 902 + Math.floor((i - 4) / 2);
    const id = await media(token, user, { encodingStatus: 'running' });
    const encodingId = await insertEncoding(client, {
      mediaId: id,
      profileId: i % 2 === 0 ? PROFILE.h264_480 : PROFILE.h264_240,
      status: 'running',
      chunk: i % 5 === 0,
      addDate: NOW - 3 * HOUR - 10 * MIN,
      updateDate: NOW - 3 * HOUR,
      taskId: `task-${token}`,
      tempFile: `/tmp/tmp${token}/out.mp4`,
    });
    if (i === 1) firstStuckId = encodingId;
  }
  // Two live encodes (heartbeat 30 s ago); misfail02 says "fail" although its mp4 encode runs.
  for (const [token, user, status] of [['run01', 921, 'running'], ['misfail02', 922, 'fail']] as const) {
    const id = await media(token, user, { encodingStatus: status });
    await insertEncoding(client, { mediaId: id, profileId: PROFILE.h264_360, status: 'running', addDate: NOW - 20 * MIN, updateDate: NOW - 30_000, taskId: `task-${token}` });
  }
  // Seven dispatched pending rows waiting for a worker: 2 of user901, one each for users 923..927.
  for (let i = 1; i <= 7; i++) {
    const id = await media(`pd${String(i).padStart(2, '0')}`, i <= 2 ? 901 : 920 + i, { encodingStatus: 'pending' });
    await insertEncoding(client, { mediaId: id, profileId: PROFILE.h264_240, status: 'pending', addDate: NOW - 20 * MIN, updateDate: NOW - 20 * MIN });
  }
  // Seven deferred rows: user901's three (oldest 2 h), user930's four (misfail01 says "fail" over two of them).
  for (const [token, ageMs] of [['df01', 2 * HOUR], ['df02', 90 * MIN], ['df03', 80 * MIN]] as const) {
    const id = await media(token, 901, { encodingStatus: 'pending' });
    await insertEncoding(client, { mediaId: id, profileId: PROFILE.h264_720, status: 'pending', taskDispatched: false, addDate: NOW - ageMs, updateDate: NOW - ageMs });
  }
  for (const [token, status, ageMs] of [['misfail01', 'fail', HOUR], ['df04', 'pending', 50 * MIN]] as const) {
    const id = await media(token, 930, { encodingStatus: status });
    for (const profileId of [PROFILE.h264_240, PROFILE.h264_720]) {
      await insertEncoding(client, { mediaId: id, profileId, status: 'pending', taskDispatched: false, addDate: NOW - ageMs, updateDate: NOW - ageMs });
    }
  }
  return { firstStuckId, fixtureEncodingIds };
}
