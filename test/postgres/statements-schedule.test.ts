import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPgClient, type PgClient } from '../../src/postgres/pg-client.js';
import { listSnapshots } from '../../src/postgres/statements/snapshot-store.js';
import type { Deliverer } from '../../src/notify/outbox-worker.js';
import type { Report } from '../../src/reports/report.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { describeWithPostgres } from '../support/postgres.js';

const delivered: Report[] = [];
const recorder: Deliverer = {
  platform: 'console',
  async deliver(_channel, report) {
    delivered.push(report);
    return { ok: true };
  },
};

describeWithPostgres('PostgreSQL schedules', (db) => {
  let postgres: PgClient;
  let t: TestApp;
  beforeAll(async () => {
    const admin = await db().client();
    await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    postgres = createPgClient({ url: db().url, statementTimeoutMs: 5_000, log: createCapturingLogger().log });
    t = createTestApp([], { postgres, deliverers: [recorder] });
  });
  afterAll(async () => {
    t.store.close();
    await postgres.close();
  });

  it('keeps one snapshot per run, so the audits have a window to compare', async () => {
    expect(listSnapshots(t.store)).toHaveLength(0);
    expect(await t.app.scheduler.runNow('query-stats-snapshot')).toBe(true);
    t.clock.advance(3_600_000);
    expect(await t.app.scheduler.runNow('query-stats-snapshot')).toBe(true);
    const snapshots = listSnapshots(t.store);
    expect(snapshots).toHaveLength(2);
    expect(t.store.getState('schedule:query-stats-snapshot:last')).toMatchObject({ ok: true, delivered: false });
  });

  it('posts the weekly query audit, the monthly query-log audit and the weekly encoding failures', async () => {
    for (const id of ['weekly-query-audit', 'monthly-query-log-audit', 'weekly-encoding-failures']) {
      expect(await t.app.scheduler.runNow(id)).toBe(true);
      expect(t.store.getState(`schedule:${id}:last`)).toMatchObject({ ok: true, delivered: true });
    }
    await t.app.outbox.drain();
    expect(delivered.map((r) => r.title)).toEqual([
      expect.stringMatching(/query audit/i),
      expect.stringMatching(/query/i),
      expect.stringMatching(/encoding/i),
    ]);
  });
});
