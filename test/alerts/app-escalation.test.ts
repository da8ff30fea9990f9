import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/load-config.js';
import type { Sample } from '../../src/probes/probe.js';
import { createFakeProbe } from '../helpers/fake-probes.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { createFakeClock, createTestApp } from '../helpers/test-app.js';
import { recordingDeliverer } from './support.js';

/** A host whose root filesystem is 97 % full: the default disk-critical rule fires after its 2-minute `for`. */
function fullDiskProbe(now: () => number) {
  return createFakeProbe('host', () => ({
    detail: null,
    samples: [{ metric: 'host_filesystem_used_percent', labels: { mount: '/' }, value: 97, at: now() } satisfies Sample],
  }));
}

function configWithRotation(dir: string) {
  writeFileSync(
    join(dir, 'cinemata-ops.yaml'),
    [
      'channels:',
      '  - { platform: slack, id: C1, severities: [critical] }',
      'oncall:',
      '  rotation:',
      '    start: 2026-11-30',
      '    handoff: { weekday: monday, time: "09:00" }',
      '    timezone: UTC',
      '    people:',
      '      - { name: Ana, email: ana@example.org }',
      '      - { name: Ben, email: ben@example.org }',
      '  policies:',
      '    - { name: critical, severities: [critical], steps: [{ after: 5m, notify: [primary] }, { after: 15m, notify: [secondary] }] }',
    ].join('\n'),
  );
  const result = readConfig({ CINEMATA_OPS_DB: join(dir, 'store.sqlite'), CINEMATA_OPS_LOG_FILE: join(dir, 'log') }, dir);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

describe('createApp: alert → chat → escalation by email', () => {
  it('posts a critical alert to chat, then queues the primary’s email after 5 minutes and the secondary’s 15 later', async () => {
    const dir = makeTempDir();
    const slack = recordingDeliverer('slack');
    const email = recordingDeliverer('email');
    const clock = createFakeClock();
    const { app } = createTestApp([fullDiskProbe(clock.now)], { config: configWithRotation(dir), deliverers: [slack, email], now: clock.now });
    const tickFor = async (minutes: number) => {
      for (let i = 0; i < minutes * 4; i++) {
        await app.tick();
        clock.advance(15_000);
      }
    };

    await tickFor(3);
    expect(slack.seen.map((s) => s.report.severity)).toContain('critical');
    expect(email.seen).toHaveLength(0);

    await tickFor(6);
    expect(email.seen.map((s) => s.channel)).toEqual(['ana@example.org']);
    expect(email.seen[0]?.report.title).toMatch(/disk|\//i);

    await tickFor(16);
    expect(email.seen.map((s) => s.channel)).toEqual(['ana@example.org', 'ben@example.org']);
  });
});
