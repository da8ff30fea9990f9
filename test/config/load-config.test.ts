import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig, type ConfigResult } from '../../src/config/load-config.js';
import { redactConfig } from '../../src/config/redact.js';
import { makeTempDir } from '../helpers/temp-dir.js';

function withFile(yaml: string, env: NodeJS.ProcessEnv = {}): ConfigResult {
  const dir = makeTempDir();
  writeFileSync(join(dir, 'cinemata-ops.yaml'), yaml);
  return readConfig(env, dir);
}

function problemPaths(result: ConfigResult): string[] {
  if (result.ok) throw new Error('expected problems, config was valid');
  return result.problems.map((p) => p.path);
}

describe('readConfig', () => {
  it('gives the documented defaults when there is no file and no env', () => {
    const result = readConfig({}, makeTempDir());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.configFile).toBeUndefined();
    expect(result.config.sampling.interval).toBe(15_000);
    expect(result.config.history.minuteRetention).toBe(86_400_000);
    expect(result.config.thresholds.cpu).toEqual({ warning: 80, critical: 95 });
    expect(result.config.services).toContain('celery_beat');
    expect(result.config.env.CINEMATA_OPS_HTTP_PORT).toBe(9797);
    expect(Object.isFrozen(result.config.thresholds)).toBe(true);
  });

  it('reads durations and nested values from the YAML file', () => {
    const result = withFile('sampling:\n  interval: 30s\nthresholds:\n  cpu: { warning: 70, critical: 90 }\nservices: [nginx]\n');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.sampling.interval).toBe(30_000);
    expect(result.config.thresholds.cpu).toEqual({ warning: 70, critical: 90 });
    expect(result.config.thresholds.memory).toEqual({ warning: 85, critical: 95 });
    expect(result.config.services).toEqual(['nginx']);
  });

  it('reports every bad value with its key path when several are wrong', () => {
    const result = withFile(
      [
        'timezone: Mars/Olympus',
        'sampling: { interval: soon }',
        'thresholds:',
        '  cpu: { warning: 90, critical: 80 }',
        '  memory: { warning: -5 }',
        'thresold: 3',
        'services: ["nginx; rm -rf /"]',
        'roles: { default: root, users: { "U123": admin } }',
        'channels: [{ platform: irc, id: x }]',
        'oncall: { contacts: [{ name: a, email: not-an-email }] }',
      ].join('\n'),
      { SLACK_BOT_TOKEN: 'xoxp-user-token', CINEMATA_OPS_HTTP_PORT: '99999', CINEMATA_DATABASE_URL: 'mysql://x' },
    );
    expect(problemPaths(result).sort()).toEqual(
      [
        'env.CINEMATA_DATABASE_URL',
        'env.CINEMATA_OPS_HTTP_PORT',
        'env.SLACK_APP_TOKEN',
        'env.SLACK_BOT_TOKEN',
        'file.channels.0.platform',
        'file.oncall.contacts.0.email',
        'file.roles.default',
        'file.roles.users.U123',
        'file.sampling.interval',
        'file.services.0',
        'file.thresholds.cpu.critical',
        'file.thresholds.memory.warning',
        'file.thresold',
        'file.timezone',
      ].sort(),
    );
  });

  it('says the token prefix is wrong when a user token is given as the bot token', () => {
    const result = readConfig({ SLACK_BOT_TOKEN: 'xoxp-123' }, makeTempDir());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.message).toMatch(/xoxb-/);
  });

  it('asks for the Socket Mode or HTTP half when only the Slack bot token is set', () => {
    const result = readConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-3' }, makeTempDir());
    expect(problemPaths(result)).toEqual(['env.SLACK_APP_TOKEN']);
  });

  it('reports the line when the YAML does not parse', () => {
    const result = withFile('sampling:\n  interval: [15s\n');
    expect(problemPaths(result)).toEqual(['file']);
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/not valid YAML at line \d/);
  });

  it('reports a missing file when CINEMATA_OPS_CONFIG names one', () => {
    const result = readConfig({ CINEMATA_OPS_CONFIG: 'nowhere.yaml' }, makeTempDir());
    expect(problemPaths(result)).toEqual(['env.CINEMATA_OPS_CONFIG']);
  });

  it('rejects a file whose top level is a list', () => {
    expect(problemPaths(withFile('- a\n- b\n'))).toEqual(['file']);
  });

  it('treats empty env values as unset', () => {
    const result = readConfig({ SLACK_BOT_TOKEN: '', CINEMATA_OPS_HTTP_PORT: '' }, makeTempDir());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.config.env.SLACK_BOT_TOKEN).toBeUndefined();
  });
});

describe('redactConfig', () => {
  it('hides tokens and URL passwords but keeps hosts when printed', () => {
    const result = readConfig(
      {
        SLACK_BOT_TOKEN: 'xoxb-1234-secret',
        SLACK_SIGNING_SECRET: 'a'.repeat(32),
        CINEMATA_DATABASE_URL: 'postgres://ops:hunter2@db.internal:5432/mediacms',
      },
      makeTempDir(),
    );
    if (!result.ok) throw new Error('config should be valid');
    const printed = JSON.stringify(redactConfig(result.config));
    expect(printed).not.toContain('xoxb-1234-secret');
    expect(printed).not.toContain('hunter2');
    expect(printed).not.toContain('a'.repeat(32));
    expect(printed).toContain('db.internal:5432');
    expect(printed).toContain('[redacted]');
  });
});

describe('readConfig with alert rules', () => {
  it('reports a bad duration in a rule by its path', () => {
    expect(problemPaths(withFile('rules:\n  - { id: disk-warning, for: soon }\n'))).toEqual(['file.rules.0.for']);
  });

  it('reports a rule on an unknown metric by its path', () => {
    const result = withFile(
      'rules:\n  - { id: mine, metric: host_cpu_persent, comparator: ">", threshold: 5, for: 1m, severity: warning, summary: s, runbook: r }\n',
    );
    const paths = problemPaths(result);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatch(/^file\.rules\.0/);
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/host_cpu_persent/);
  });
});
