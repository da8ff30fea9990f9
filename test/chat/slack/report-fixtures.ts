import { hostname, tmpdir } from 'node:os';
import type { Report } from '../../../src/reports/report.js';
import { buildCommandHelpReport, buildCommandListReport } from '../../../src/reports/help-report.js';
import { commands } from '../../../commands/index.js';
import type { Command, OptionSpecs } from '../../../src/dispatch/command.js';
import { activeServices, createFakeProbe, healthyHost } from '../../helpers/fake-probes.js';
import { createTestApp } from '../../helpers/test-app.js';

/** Replaces what differs between machines and runs (host name, Node version, temp paths) with fixed text. */
function normalize(report: Report, dirs: readonly string[]): Report {
  let text = JSON.stringify(report);
  const swaps: Array<[string, string]> = [
    ...dirs.map((dir): [string, string] => [dir, '/tmp/cinemata-ops-test']),
    [tmpdir(), '/tmp'],
    [hostname(), 'media.cinemata.org'],
    [process.version, 'v20.0.0'],
    [`${process.platform}/${process.arch}`, 'linux/x64'],
  ];
  for (const [from, to] of swaps) text = text.split(JSON.stringify(from).slice(1, -1)).join(to);
  return JSON.parse(text) as Report;
}

function byName(name: string): Command<OptionSpecs> {
  const command = commands.find((c) => c.name === name);
  if (command === undefined) throw new Error(`no command ${name}`);
  return command as Command<OptionSpecs>;
}

/**
 * The reports the project's commands produce today, from the real app with fake probes and a fake clock: a busy
 * host for `health` (findings, tables, a trend chart), `version`, `config`, and `help` over a fixed set of
 * commands (so a new command elsewhere does not move this golden file).
 */
export async function projectReports(): Promise<Record<'health' | 'help' | 'help-health' | 'config' | 'version', Report>> {
  let cpu = 70;
  const start = Date.UTC(2026, 11, 4, 9, 0, 0);
  const test = createTestApp([
    createFakeProbe('host', () => {
      const now = test.clock.now();
      const detail = healthyHost(now);
      detail.cpu.percent = cpu;
      const root = detail.filesystems[0];
      if (root !== undefined) Object.assign(root, { usedPercent: 93, usedBytes: 93 * 2 ** 30, freeBytes: 7 * 2 ** 30 });
      return { detail, samples: [{ metric: 'host_cpu_percent', labels: {}, value: cpu, at: now }] };
    }),
    createFakeProbe('services', () => {
      const detail = activeServices(start, ['celery_long', 'celery_short', 'nginx', 'postgresql']);
      const failed = detail.units[1];
      if (failed !== undefined) Object.assign(failed, { state: 'failed', subState: 'failed', restarts: 12 });
      return { detail };
    }),
  ]);
  for (let i = 0; i < 8; i++) {
    cpu = 70 + i * 3;
    await test.app.tick();
    test.clock.advance(60_000);
  }
  const dirs = [test.config.env.CINEMATA_OPS_DB.replace(/\/store\.sqlite$/, '')];
  const run = async (command: string): Promise<Report> => {
    const result = await test.app.dispatch({ platform: 'cli', user: { id: 'golden' }, command, args: [] });
    if (!result.ok) throw new Error(`${command}: ${result.error.message}`);
    return normalize(result.report, dirs);
  };
  const now = test.clock.now();
  const reports = {
    health: await run('health'),
    help: buildCommandListReport(['health', 'help', 'config', 'version'].map(byName), now),
    'help-health': buildCommandHelpReport(byName('health'), now),
    config: await run('config'),
    version: await run('version'),
  };
  test.store.close();
  return reports;
}

const words = (n: number, seed: string) => Array.from({ length: n }, (_, i) => `${seed}${i}`).join(' ');

/**
 * A report past every Slack limit: a 200-character title (header: 150), a 7,000-character paragraph (section:
 * 3,000), 23 fields one of them 2,500 characters long (10 fields × 2,000), a wide 120-row table and 200 lines of
 * code (file material), 300 list items (50 blocks, ~12k characters per message), 30 buttons (25 per block), one
 * with a 90-character label (75) and one with a 2,100-character command (2,000), and twelve footnotes (ten
 * context elements). Markup in the text must arrive escaped.
 */
export function overLimitReport(): Report {
  return {
    title: `Nightly audit of media.cinemata.org <!channel> & friends: ${'very '.repeat(30)}long title`,
    severity: 'warning',
    summary: `Everything that can be too long is too long here: ${words(40, 'summary')}`,
    sections: [
      {
        title: 'Narrative',
        severity: 'info',
        blocks: [{ kind: 'text', text: `${words(900, 'para')}\nSecond paragraph with <@U123> and *bold* and \`\`\`fence\`\`\` in it.` }],
      },
      {
        title: 'Many fields',
        blocks: [
          {
            kind: 'fields',
            fields: Array.from({ length: 23 }, (_, i) => ({
              label: `field ${i}`,
              value: i === 7 ? words(320, 'longvalue') : `value ${i}`,
              severity: i % 5 === 0 ? ('critical' as const) : undefined,
            })),
          },
        ],
      },
      {
        title: 'Wide table',
        severity: 'critical',
        blocks: [
          {
            kind: 'table',
            columns: [{ label: 'statement' }, { label: 'calls', align: 'right' }, { label: 'mean', align: 'right' }, { label: 'advice' }],
            rows: Array.from({ length: 120 }, (_, i) => ({
              cells: [`SELECT * FROM files_media WHERE id = $${i} /* row ${i} */`, String(i * 17), `${i}.5 ms`, `add an index on files_media(column_${i}) and analyze`],
              severity: i < 3 ? ('critical' as const) : undefined,
            })),
            caption: 'Top statements by total time over 24 h.',
          },
        ],
      },
      {
        title: 'Narrow table',
        blocks: [
          {
            kind: 'table',
            columns: [{ label: 'queue' }, { label: 'waiting', align: 'right' }],
            rows: Array.from({ length: 45 }, (_, i) => ({ cells: [`queue_${i}`, String(i * 3)] })),
          },
        ],
      },
      { title: 'Stack trace', blocks: [{ kind: 'code', text: Array.from({ length: 200 }, (_, i) => `  at frame${i} (worker.py:${i})`).join('\n') }] },
      { title: 'Every item', blocks: [{ kind: 'list', items: Array.from({ length: 300 }, (_, i) => ({ text: `item ${i}: ${words(4, `w${i}x`)}`, severity: i % 50 === 0 ? ('warning' as const) : undefined })) }] },
    ],
    actions: Array.from({ length: 30 }, (_, i) => ({
      id: `a${i}`,
      label: i === 3 ? `A button whose label is far too long for Slack ${'x'.repeat(50)}` : `Action ${i}`,
      command: i === 4 ? `report ${'y'.repeat(2100)}` : `runbook topic-${i}`,
    })),
    footnotes: Array.from({ length: 12 }, (_, i) => `footnote ${i}`),
    generatedAt: Date.UTC(2026, 11, 4, 9, 0, 0),
  };
}
