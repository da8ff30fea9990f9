import { describe, expect, it } from 'vitest';
import type { PostgresDetail } from '../../src/probes/postgres.js';
import { quietPostgresDetail } from '../helpers/postgres-detail.js';
import { buildDbReport, type DbReportInput } from '../../src/reports/postgres/db-report.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { testConfig } from '../helpers/test-app.js';

const NOW = Date.UTC(2026, 11, 4, 9, 0, 0);


function input(detail: PostgresDetail, extra: Partial<DbReportInput> = {}): DbReportInput {
  return {
    detail,
    settings: testConfig(makeTempDir()).postgres,
    growth: [
      { label: '24 h', windowMs: 86_400_000, bytes: 120 * 2 ** 20, spanMs: 86_400_000 },
      { label: '7 d', windowMs: 7 * 86_400_000, bytes: null, spanMs: 0 },
    ],
    sizeHistory: { label: 'size', unit: 'MiB', points: [] },
    deadlocksLastHour: null,
    now: NOW,
    ...extra,
  };
}

describe('db report', () => {
  it('says all checks pass with the size, connections and round trip when nothing is wrong', () => {
    const report = buildDbReport(input(quietPostgresDetail(NOW)));
    expect(report.severity).toBe('ok');
    expect(report.summary).toBe('All checks pass: 5.0 GiB, 10 connections, round trip 0.8 ms.');
    expect(report.sections[0]?.title).toBe('Database');
    const fields = report.sections[0]?.blocks[0];
    expect(fields?.kind === 'fields' ? fields.fields.find((f) => f.label === 'size')?.value : '').toBe('5.0 GiB; growth 24 h: +120 MiB, 7 d: no history yet');
  });

  it('puts the critical findings first, each with what to do, when the database is close to stopping', () => {
    const detail = quietPostgresDetail(NOW);
    detail.connections = { ...detail.connections, total: 97, usedPercent: 97, byState: { active: 10, idle: 87 } };
    detail.wraparound = { database: 'mediacms', xidAge: 1_800_000_000, percent: 83.8, freezeMaxAgePercent: 900, freezeMaxAge: 200_000_000, oldestTables: [{ schema: 'public', table: 'actions_mediaaction', xidAge: 1_800_000_000 }] };
    detail.sequences = [{ schema: 'public', table: 'actions_mediaaction', column: 'id', columnType: 'integer', sequence: 'actions_mediaaction_id_seq', lastValue: 2_100_000_000, maxValue: 2_147_483_647, usedPercent: 97.8 }];
    detail.stats = { ...detail.stats, tableCacheHitPercent: 91 };
    detail.latency = { ...detail.latency, searchMs: 2_400 };
    detail.degraded = [{ check: 'index suggestions', reason: 'pg_stat_statements is not installed' }];
    const report = buildDbReport(input(detail, { deadlocksLastHour: 3 }));
    expect(report.severity).toBe('critical');
    const list = report.sections[0]?.blocks[0];
    const texts = list?.kind === 'list' ? list.items.map((i) => `${i.severity}: ${i.text.split(" → ")[0]}`) : [];
    expect(texts).toEqual([
      'critical: 97 of 100 connections in use (97%; 3 are kept for superusers)',
      'critical: transaction ID wraparound: mediacms has used 84% of the 2^31 transaction IDs (age 1,800,000,000)',
      'critical: actions_mediaaction.id (integer) has used 98% of its range (2,100,000,000 of 2,147,483,647)',
      'critical: the CinemataCMS search query (climate:*) took 2.4 s',
      'warning: 3 deadlocks in the last hour',
      'warning: table cache hit rate 91% (below 99%)',
      'info: not checked: index suggestions',
    ]);
    expect(list?.kind === 'list' ? list.items[1]?.text : '').toContain('VACUUM (FREEZE, VERBOSE) actions_mediaaction');
    expect(report.summary).toBe('4 critical, 2 warning, 1 info: 97 of 100 connections in use (97%; 3 are kept for superusers)');
  });

  it('cuts query texts to 200 characters in chat when a long-running query is huge', () => {
    const detail = quietPostgresDetail(NOW);
    const query = `SELECT ${'files_media.title, '.repeat(80)}1 FROM files_media`;
    detail.longQueries = [{ pid: 42, user: 'mediacms', application: 'uwsgi', clientAddress: '10.0.0.5', state: 'active', query, durationSeconds: 95, transactionSeconds: 95, waitEvent: null }];
    const report = buildDbReport(input(detail));
    const table = report.sections.find((s) => s.title === 'Long-running queries')?.blocks[0];
    const shown = table?.kind === 'table' ? table.rows[0]?.cells[6] : undefined;
    expect(shown).toHaveLength(200);
    expect(shown?.endsWith('…')).toBe(true);
    expect(report.severity).toBe('warning');
  });
});
