import { describe, expect, it } from 'vitest';
import type { EncodingsOverview } from '../../src/encodings/overview.js';
import { buildEncodingFailuresReportFrom } from '../../src/reports/encodings/encoding-failures-report.js';
import { buildEncodingsReport } from '../../src/reports/encodings/encodings-report.js';
import { testConfig } from '../helpers/test-app.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const NOW = Date.UTC(2030, 0, 15, 12);
const DAY = 86_400_000;

function quiet(overrides: Partial<EncodingsOverview> = {}): EncodingsOverview {
  return {
    now: NOW,
    current: { start: NOW - 7 * DAY, end: NOW },
    previous: { start: NOW - 14 * DAY, end: NOW - 7 * DAY },
    limits: testConfig(makeTempDir()).encodings,
    live: { running: 0, pendingDispatched: 0, deferred: 0, deferredOldestAt: null, slotsUsed: 0, stuck: 0, stuckHoldingSlots: 0 },
    outcomes: [],
    causes: [],
    stuck: [],
    users: [],
    misleading: { total: 0, media: [] },
    throughput: [],
    ...overrides,
  };
}

const profile = { id: 19, name: 'h264-240', extension: 'mp4', resolution: 240, codec: 'h264' };

describe('encodings report shape', () => {
  it('says all checks pass and that nothing finished when the pipeline was idle', () => {
    const report = buildEncodingsReport(quiet());
    expect(report.severity).toBe('ok');
    expect(report.summary).toBe('All checks pass: no encoding finished in the last 7d.');
    expect(report.sections.map((s) => s.title)).toEqual(['Outcomes', 'Rate-limit slots']);
  });

  it('says the weekly report had no failures rather than leaving the section out', () => {
    const report = buildEncodingFailuresReportFrom(quiet({ outcomes: [{ profile, current: { success: 40, fail: 0 }, previous: { success: 10, fail: 0 } }] }));
    expect(report.summary).toBe('All checks pass: 0.0% (0 of 40) failed in the last 7d.');
    expect(report.sections.find((s) => s.title === 'Failure causes')?.blocks).toEqual([{ kind: 'text', text: 'No encoding failed in this window.' }]);
  });

  it('warns that the drain is not dispatching when deferred rows wait while slots are free', () => {
    const report = buildEncodingsReport(quiet({ live: { running: 2, pendingDispatched: 0, deferred: 4, deferredOldestAt: NOW - 20 * 60_000, slotsUsed: 2, stuck: 0, stuckHoldingSlots: 0 } }));
    expect(report.severity).toBe('warning');
    expect(report.summary).toBe('1 warning: 4 encodes deferred for up to 20m 0s while 48 slots are free');
  });

  it('calls full slots with a waiting backlog a warning when no stuck row holds them', () => {
    const report = buildEncodingsReport(quiet({ live: { running: 50, pendingDispatched: 0, deferred: 3, deferredOldestAt: NOW - 600_000, slotsUsed: 50, stuck: 0, stuckHoldingSlots: 0 } }));
    expect(report.summary).toBe('1 warning: all 50 encoding slots are in use and 3 encodes wait, oldest 10m 0s');
  });

  it('lets deferred rows of an uploader at the per-user limit wait without blaming the drain', () => {
    const users = [{ userId: 7, username: 'busy', slots: 5, stuck: 0, deferred: 4 }];
    const report = buildEncodingsReport(quiet({ users, live: { running: 5, pendingDispatched: 0, deferred: 4, deferredOldestAt: NOW - 3_600_000, slotsUsed: 5, stuck: 0, stuckHoldingSlots: 0 } }));
    expect(report.severity).toBe('info');
    expect(report.summary).toBe('1 info: busy holds 5 of 5 per-user slots; 4 more of theirs wait');
  });
});
