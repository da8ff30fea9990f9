import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgClient, type PgClient } from '../../src/postgres/pg-client.js';
import { createEncodingsProbe } from '../../src/probes/encodings.js';
import type { Sample } from '../../src/probes/probe.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { createTestApp, testConfig } from '../helpers/test-app.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { describeWithPostgres } from '../support/postgres.js';
import { NOW, seedScenario } from './support/scenario.js';

const limits = testConfig(makeTempDir()).encodings;
const context = () => ({ now: () => NOW, log: createCapturingLogger().log, signal: new AbortController().signal });

function byKey(samples: readonly Sample[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples) {
    const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${v}"`);
    out[labels.length ? `${s.metric}{${labels.join(',')}}` : s.metric] = s.value;
  }
  return out;
}

describeWithPostgres('encodings probe', (db) => {
  let postgres: PgClient;
  beforeAll(async () => {
    await seedScenario(await db().client());
    postgres = createPgClient({ url: db().url, statementTimeoutMs: 5000, log: createCapturingLogger().log });
  });
  afterAll(async () => {
    await postgres.close();
  });

  it('samples queue, slots, stuck rows and the 24 h failure rate by profile and cause with bounded labels', async () => {
    const result = await createEncodingsProbe({ postgres, limits }).collect(context());
    const samples = byKey(result.samples);
    expect(samples).toMatchObject({
      encodings_running: 43,
      encodings_pending_dispatched: 7,
      encodings_deferred: 7,
      encodings_deferred_oldest_age_seconds: 7200,
      encodings_stuck: 41,
      encodings_stuck_holding_slots: 41,
      encodings_slots_used: 50,
      encodings_slots_used_percent: 100,
      encodings_users_at_limit: 1,
      encodings_misleading_fail: 2,
      encodings_finished_total: 36,
      'encodings_failed_total{profile="h264-240"}': 16,
      'encodings_failed_total{profile="h264-360"}': 0,
      'encodings_succeeded_total{profile="h264-240"}': 0,
      'encodings_succeeded_total{profile="h264-360"}': 20,
      'encodings_failed_by_class_total{class="invalid-option"}': 2,
      'encodings_failed_by_class_total{class="invalid-input"}': 2,
      'encodings_failed_by_class_total{class="killed"}': 2,
      'encodings_failed_by_class_total{class="disk-full"}': 1,
      'encodings_failed_by_class_total{class="cut-off"}': 1,
      'encodings_failed_by_class_total{class="corrupt-container"}': 1,
      'encodings_failed_by_class_total{class="permission-denied"}': 1,
    });
    expect(samples.encodings_failure_percent).toBeCloseTo((16 / 36) * 100, 9);
    const classes = result.samples.filter((s) => s.metric === 'encodings_failed_by_class_total');
    expect(classes.reduce((sum, s) => sum + s.value, 0)).toBe(16);
    expect(classes).toHaveLength(13);
    for (const s of result.samples) {
      expect(s.at).toBe(NOW);
      expect(Object.keys(s.labels).every((k) => k === 'profile' || k === 'class')).toBe(true);
    }
  });

  it('keeps a typed detail for commands', async () => {
    const { detail } = await createEncodingsProbe({ postgres, limits }).collect(context());
    expect(detail.live).toEqual({
      running: 43,
      pendingDispatched: 7,
      deferred: 7,
      deferredOldestAt: NOW - 7_200_000,
      slotsUsed: 50,
      stuck: 41,
      stuckHoldingSlots: 41,
    });
    expect(detail.outcomes.map((o) => [o.profile.name, o.current])).toEqual([
      ['h264-360', { success: 20, fail: 0 }],
      ['h264-240', { success: 0, fail: 16 }],
    ]);
  });
});

describeWithPostgres('encodings probe refresh', (db) => {
  it('reads the queue on every run but the 24 h figures at most every 5 minutes', async () => {
    const client = await db().client();
    await seedScenario(client);
    const postgres = createPgClient({ url: db().url, statementTimeoutMs: 5000, log: createCapturingLogger().log });
    const probe = createEncodingsProbe({ postgres, limits });
    let now = NOW;
    const run = async () => byKey((await probe.collect({ ...context(), now: () => now })).samples);
    expect((await run())['encodings_failed_total{profile="h264-240"}']).toBe(16);
    await client.query(
      `INSERT INTO files_encoding (logs, status, media_file, progress, add_date, update_date, temp_file, task_id, size, commands,
         total_run_time, retries, worker, chunk, chunk_file_path, chunks_info, profile_id, media_id, filename, task_dispatched)
       SELECT '', s, '', 0, $1::timestamptz, $1::timestamptz, '', '', '', '[]', 0, 0, 'localhost', false, '', '', 19, 1, '', true
       FROM unnest(ARRAY['fail', 'running']) AS s`,
      [new Date(NOW - 3_600_000).toISOString()],
    );
    now = NOW + 60_000;
    const soon = await run();
    expect(soon['encodings_failed_total{profile="h264-240"}']).toBe(16);
    expect(soon.encodings_running).toBe(44);
    now = NOW + 300_000;
    expect((await run())['encodings_failed_total{profile="h264-240"}']).toBe(17);
    await postgres.close();
  });
});

describe('encodings probe without a database', () => {
  it('fails with a chat-fit message when PostgreSQL is not configured', async () => {
    await expect(createEncodingsProbe({ postgres: undefined, limits }).collect(context())).rejects.toThrow(
      'PostgreSQL is not configured: set CINEMATA_DATABASE_URL to watch encodings',
    );
  });

  it('records a blind spot and keeps the bot running when the connection is refused', async () => {
    const postgres = createPgClient({ url: 'postgres://ops@127.0.0.1:1/mediacms', statementTimeoutMs: 1000, log: createCapturingLogger().log });
    const { app } = createTestApp([createEncodingsProbe({ postgres, limits })], { postgres });
    await app.tick();
    const [status] = app.runner.statuses();
    expect(status).toMatchObject({ id: 'encodings', ok: false, consecutiveFailures: 1 });
    expect(status?.error).toBe('cannot reach PostgreSQL at 127.0.0.1:1/mediacms: connection refused (is the server running, and is CINEMATA_DATABASE_URL right?)');
    await app.tick();
    expect(app.runner.statuses()[0]?.consecutiveFailures).toBe(2);
    await postgres.close();
  });
});
