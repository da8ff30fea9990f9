import { describe, expect, it } from 'vitest';
import configCommand from '../../../commands/config.js';
import healthCommand from '../../../commands/health.js';
import helpCommand from '../../../commands/help.js';
import versionCommand from '../../../commands/version.js';
import { renderDiscord, SEVERITY_COLORS } from '../../../src/chat/discord/render-discord.js';
import { readConfig } from '../../../src/config/load-config.js';
import type { Command, OptionSpecs } from '../../../src/dispatch/command.js';
import type { AppServices } from '../../../src/dispatch/services.js';
import type { Report } from '../../../src/reports/report.js';
import { buildConfigReport } from '../../../src/reports/config-report.js';
import { buildHealthReport } from '../../../src/reports/health/health-report.js';
import { buildCommandHelpReport, buildCommandListReport } from '../../../src/reports/help-report.js';
import { createLogger } from '../../../src/log.js';
import { activeServices, healthyHost } from '../../helpers/fake-probes.js';
import { createSampleReport } from '../../render/sample-report.js';
import { createOverLimitReport } from './big-report.js';
import { expectDiscordGolden } from './golden.js';
import { buttonTargets, firstMissingWord, limitViolations } from './message-checks.js';

const NOW = Date.UTC(2026, 11, 4, 9, 0, 0);
const FIXTURES = new URL('../../fixtures/discord/', import.meta.url).pathname;
const CORE = [healthCommand, helpCommand, configCommand, versionCommand] as unknown as ReadonlyArray<Command<OptionSpecs>>;

function fixedConfig() {
  const result = readConfig({ CINEMATA_OPS_DB: '/var/lib/cinemata-ops/store.sqlite', CINEMATA_OPS_LOG_FILE: '/var/log/cinemata-ops/bot.log' }, FIXTURES);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

function healthReports(): Record<string, Report> {
  const thresholds = fixedConfig().thresholds;
  const run = <D>(probeId: string, detail: D) => ({ ok: true as const, run: { probeId, at: NOW, durationMs: 12, samples: [], detail } });
  const hot = healthyHost(NOW);
  hot.cpu = { percent: 97, corePercents: [96, 98], cores: 2 };
  hot.filesystems = hot.filesystems.map((fs) => ({ ...fs, usedPercent: 93, freeBytes: 7 * 2 ** 30 }));
  const units = activeServices(NOW, ['celery_long', 'celery_short', 'nginx', 'postgresql']);
  const failed = { ...units, units: units.units.map((u, i) => (i === 1 ? { ...u, state: 'failed' as const, subState: 'failed', restarts: 12 } : u)) };
  const trends = [{ label: 'CPU', unit: '%', points: Array.from({ length: 60 }, (_, i) => [NOW - (59 - i) * 60_000, 20 + (i % 10) * 8] as const) }];
  return {
    'health-ok': buildHealthReport({ hostname: 'media.cinemata.org', host: run('host', healthyHost(NOW)), services: run('services', units), thresholds, trends, now: NOW }),
    'health-critical': buildHealthReport({ hostname: 'media.cinemata.org', host: run('host', hot), services: run('services', failed), thresholds, trends, now: NOW }),
    'health-blind': buildHealthReport({
      hostname: 'media.cinemata.org',
      host: { ok: false, probeId: 'host', error: 'timed out after 10s' },
      services: { ok: false, probeId: 'services', error: 'systemctl not found' },
      thresholds,
      trends: [],
      now: NOW,
    }),
  };
}

async function versionReport(): Promise<Report> {
  const services = { version: '0.1.0', startedAt: NOW - 3_723_000 } as unknown as AppServices;
  const report = await (versionCommand as unknown as Command<OptionSpecs>).execute({
    options: {},
    invocation: { platform: 'discord', user: { id: '302050872383242240' }, command: 'version', args: [] },
    role: 'viewer',
    config: fixedConfig(),
    services,
    log: createLogger({ level: 'silent', format: 'json', destination: 'stderr' }),
    now: () => NOW,
  });
  // The runtime differs between machines; the golden file should not.
  for (const section of report.sections) {
    for (const block of section.blocks) {
      if (block.kind !== 'fields') continue;
      for (const field of block.fields) {
        if (field.label === 'node') field.value = 'v20.0.0';
        if (field.label === 'platform') field.value = 'linux/x64';
      }
    }
  }
  return report;
}

async function everyReport(): Promise<Record<string, Report>> {
  const config = fixedConfig();
  return {
    ...healthReports(),
    'help-list': buildCommandListReport(CORE, NOW),
    'help-command': buildCommandHelpReport(helpCommand as unknown as Command<OptionSpecs>, NOW),
    config: buildConfigReport({ config, problems: [], configFile: undefined, schedules: [] }, NOW),
    'config-invalid': buildConfigReport(
      {
        problems: [
          { path: 'file.thresholds.cpu.critical', message: 'critical must be greater than or equal to warning' },
          { path: 'env.DISCORD_APPLICATION_ID', message: 'a Discord application id is 17–20 digits' },
        ],
        configFile: '/etc/cinemata-ops/cinemata-ops.yaml',
        schedules: [],
      },
      NOW,
    ),
    version: await versionReport(),
    'sample-every-block': createSampleReport(),
    'over-limit': createOverLimitReport(),
  };
}

describe('renderDiscord golden files', () => {
  it('matches the golden embeds of every report type when rendered', async () => {
    for (const [name, report] of Object.entries(await everyReport())) {
      const rendered = renderDiscord(report);
      expectDiscordGolden(`embeds/${name}.json`, rendered);
    }
  });
});

describe('renderDiscord limits', () => {
  it('keeps every message within Discord limits and loses no word when a report is over all of them', async () => {
    for (const [name, report] of Object.entries(await everyReport())) {
      const { messages } = renderDiscord(report);
      messages.forEach((m, i) => expect(limitViolations(m), `${name} message ${i + 1}`).toEqual([]));
      expect(firstMissingWord(report, messages), name).toBeUndefined();
    }
  });

  it('splits the over-limit report across messages marked part i of n', () => {
    const { messages } = renderDiscord(createOverLimitReport());
    expect(messages.length).toBeGreaterThan(3);
    messages.forEach((m, i) => expect(m.content).toMatch(new RegExp(`\\(part ${i + 1} of ${messages.length}\\)$`)));
    const embeds = messages.flatMap((m) => m.embeds);
    expect(embeds.some((e) => e.title?.endsWith('(continued)'))).toBe(true);
    expect(embeds[0]?.title).toHaveLength(256);
    expect(embeds[0]?.title?.endsWith('…')).toBe(true);
  });

  it('keeps every action reachable when there are more than 25 buttons, long commands and duplicates', () => {
    const report = createOverLimitReport();
    const { messages, buttonKeys } = renderDiscord(report);
    const targets = buttonTargets(messages, buttonKeys);
    const commands = (report.actions ?? []).flatMap((a) => (a.command === undefined ? [] : [a.command]));
    expect(targets).toEqual(commands);
    // The link too long for a button is in the text instead.
    const link = report.actions?.find((a) => a.id === 'link')?.url ?? '';
    expect(messages.flatMap((m) => m.embeds).some((e) => e.description?.includes(link))).toBe(true);
    // More than 25 buttons spill into a message of their own after the report.
    expect(messages.filter((m) => (m.components?.length ?? 0) > 0).length).toBe(2);
    expect(Object.keys(buttonKeys)).toHaveLength(2);
  });

  it('keeps report order when text follows fields in a section', () => {
    const { messages } = renderDiscord(createSampleReport());
    const [header, host, hostMore] = messages[0]?.embeds ?? [];
    expect(header?.title).toBe('[CRITICAL] Morning digest for media.cinemata.org');
    expect(host?.fields?.map((f) => f.name)).toEqual(['✓ CPU', 'Memory', '✗ Disk /srv/media', '• Load']);
    expect(hostMore?.title).toBe('[WARNING] Host (continued)');
    expect(hostMore?.description).toContain('**CPU** `');
  });
});

describe('renderDiscord styling', () => {
  it('colours embeds by severity and keeps the severity as a word for readers without colour', () => {
    const { messages } = renderDiscord(createSampleReport());
    const embeds = messages[0]?.embeds ?? [];
    expect(embeds[0]?.color).toBe(SEVERITY_COLORS.critical);
    expect(embeds.find((e) => e.title === '[CRITICAL] Encodings')?.color).toBe(SEVERITY_COLORS.critical);
    expect(embeds.find((e) => e.title === 'Checks')?.color).toBe(SEVERITY_COLORS.none);
  });

  it('escapes markdown, mentions and masked links in report text', () => {
    const report: Report = {
      title: 'Log lines',
      severity: 'warning',
      sections: [{ blocks: [{ kind: 'text', text: '@everyone <@123> **bold** [click](https://evil.example) `x` # heading\n- item\n1. first' }] }],
      generatedAt: NOW,
    };
    const { messages } = renderDiscord(report);
    const description = messages[0]?.embeds[0]?.description ?? '';
    expect(description).toContain('\\<@123\\>');
    expect(description).toContain('\\*\\*bold\\*\\*');
    expect(description).toContain('\\[click\\](https://evil.example)');
    expect(description).toContain('\\`x\\`');
    expect(description.split('\n').slice(1)).toEqual(['\\- item', '1\\. first']);
    expect(messages[0]?.allowed_mentions).toEqual({ parse: [] });
  });

  it('keeps a code block closed when the code itself contains a fence', () => {
    for (const inner of ['a\n```\nb', 'a ```` b', '`````']) {
      const report: Report = { title: 't', severity: 'ok', sections: [{ blocks: [{ kind: 'code', text: inner }] }], generatedAt: NOW };
      const description = renderDiscord(report).messages[0]?.embeds[0]?.description ?? '';
      expect(description.match(/``/g), inner).toHaveLength(2);
      expect(description.replace(/\u200b/g, '')).toBe(`\`\`\`\n${inner}\n\`\`\``);
    }
  });

  it('renders the same report to the same messages every time', () => {
    expect(JSON.stringify(renderDiscord(createOverLimitReport()))).toBe(JSON.stringify(renderDiscord(createOverLimitReport())));
  });
});
