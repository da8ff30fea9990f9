import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/load-config.js';
import { alertSettings } from '../../src/alerts/settings.js';
import { buildRules, RulesError } from '../../src/rules/build-rules.js';
import { makeTempDir } from '../helpers/temp-dir.js';

function load(yaml: string) {
  const dir = makeTempDir();
  writeFileSync(join(dir, 'cinemata-ops.yaml'), yaml);
  return readConfig({ CINEMATA_OPS_DB: join(dir, 's.sqlite') }, dir);
}

function problems(yaml: string) {
  const result = load(yaml);
  return result.ok ? [] : result.problems;
}

function config(yaml: string) {
  const result = load(yaml);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

describe('rules: validation with the path of each problem', () => {
  it('reports a bad duration at file.rules.N.for', () => {
    expect(problems('rules:\n  - { id: cpu-warning, for: 5 minutes }\n')).toEqual([
      { path: 'file.rules.0.for', message: 'expected a duration like 30s, 5m, 24h or 7d, got "5 minutes"' },
    ]);
  });

  it('reports an unknown metric with the closest known one', () => {
    expect(problems('rules:\n  - { id: my-rule, metric: host_cpu_percnt, comparator: ">", threshold: 1, severity: warning, summary: x }\n')).toEqual([
      { path: 'file.rules.0.metric', message: expect.stringContaining('unknown metric "host_cpu_percnt" (did you mean "host_cpu_percent"?)') as unknown as string },
    ]);
  });

  it('reports a bad comparator and a bad severity', () => {
    const found = problems('rules:\n  - { id: cpu-warning, comparator: "=>", severity: urgent }\n');
    expect(found.map((p) => p.path)).toEqual(['file.rules.0.comparator', 'file.rules.0.severity']);
    expect(found[0]?.message).toBe('expected one of > >= < <= == !=');
  });

  it('reports a duplicate id at the second occurrence', () => {
    expect(problems('rules:\n  - { id: cpu-warning, threshold: 70 }\n  - { id: memory-warning, threshold: 80 }\n  - { id: cpu-warning, threshold: 75 }\n')).toEqual([
      { path: 'file.rules.2.id', message: 'duplicate rule id "cpu-warning" (first at rules.0)' },
    ]);
  });

  it('requires the essentials of a new rule, each at its own path, with a near-miss hint', () => {
    const found = problems('rules:\n  - { id: cpu-warnin, threshold: 70 }\n');
    expect(found.map((p) => p.path)).toEqual(['file.rules.0.metric', 'file.rules.0.comparator', 'file.rules.0.severity', 'file.rules.0.summary']);
    expect(found[0]?.message).toContain('did you mean "cpu-warning"?');
  });

  it('reports a matcher on a label the metric does not have, and an unknown summary placeholder', () => {
    const found = problems('rules:\n  - { id: disk-warning, matchers: { mountpoint: / }, summary: "{{mountpoint}} full" }\n');
    expect(found).toEqual([
      { path: 'file.rules.0.matchers.mountpoint', message: 'host_filesystem_used_percent has no label "mountpoint" (its labels: mount)' },
      { path: 'file.rules.0.summary', message: expect.stringContaining('unknown placeholder {{mountpoint}}') as unknown as string },
    ]);
  });

  it('reports a clear threshold on the wrong side, a clear threshold on ==, two transforms and a bad regex', () => {
    const found = problems(
      [
        'rules:',
        '  - { id: cpu-warning, threshold: 80, clearThreshold: 90 }',
        '  - { id: service-down, clearThreshold: 1 }',
        '  - { id: load-warning, increase: 1h, divideBy: host_cpu_cores }',
        '  - { id: http-5xx-warning, matchers: { route: { regex: "(" } } }',
        '  - { id: disk-warning, unknownKey: 1 }',
      ].join('\n'),
    );
    expect(found.map((p) => p.path)).toEqual([
      'file.rules.3.matchers.route.regex',
      'file.rules.4.unknownKey',
      'file.rules.0.clearThreshold',
      'file.rules.1.clearThreshold',
      'file.rules.2.increase',
    ]);
  });

  it('reports engine settings by path', () => {
    expect(problems('alerting:\n  groupWait: soon\n  maxAlertsPerMessage: 0\n').map((p) => p.path)).toEqual(['file.alerting.groupWait', 'file.alerting.maxAlertsPerMessage']);
  });

  it('reports a clear threshold that crosses a configured threshold by the entry, before the bot starts', () => {
    expect(problems('thresholds:\n  cpu: { warning: 60, critical: 95 }\nrules:\n  - { id: cpu-warning, clearThreshold: 70 }\n')).toEqual([
      { path: 'file.rules.0.clearThreshold', message: 'clearThreshold 70 must not be above threshold 60 for >' },
    ]);
  });

  it('throws a RulesError from buildRules itself for rules that bypassed readConfig', () => {
    const c = config('thresholds:\n  cpu: { warning: 60, critical: 95 }\n');
    const bad = { ...c, rules: [{ id: 'cpu-warning', clearThreshold: 70 }] } as typeof c;
    expect(() => buildRules(bad)).toThrow(RulesError);
  });
});

describe('rules: defaults, overrides and engine settings', () => {
  it('takes default thresholds from the thresholds, postgres, celery and encodings sections', () => {
    const c = config(
      'thresholds:\n  cpu: { warning: 70, critical: 90 }\npostgres:\n  latencyMs: { warning: 200, critical: 800 }\ncelery:\n  depth: { warning: 50, critical: 500 }\nencodings:\n  failurePercent: { warning: 10, critical: 30 }\n',
    );
    const byId = new Map(buildRules(c).map((rule) => [rule.id, rule]));
    expect(byId.get('cpu-warning')).toMatchObject({ threshold: 70, clearThreshold: 60 });
    expect(byId.get('cpu-critical')).toMatchObject({ threshold: 90, clearThreshold: 80, severity: 'critical' });
    expect(byId.get('postgres-latency-critical')?.threshold).toBe(0.8);
    expect(byId.get('celery-queue-depth-warning')?.threshold).toBe(50);
    expect(byId.get('encodings-failing-critical')?.threshold).toBe(30);
  });

  it('overrides a default key by key, moves its clear threshold with the threshold, disables one, and adds a new rule', () => {
    const c = config(
      [
        'rules:',
        '  - { id: disk-warning, threshold: 70, for: 15m }',
        '  - { id: swap-warning, enabled: false }',
        '  - id: uploads-full',
        '    metric: host_filesystem_used_percent',
        '    matchers: { mount: { oneOf: [/srv/uploads, /data] } }',
        '    comparator: ">"',
        '    threshold: 60',
        '    for: 10m',
        '    severity: info',
        '    summary: "{{mount}} uploads at {{value}}%"',
      ].join('\n'),
    );
    const rules = buildRules(c);
    const byId = new Map(rules.map((rule) => [rule.id, rule]));
    expect(byId.get('disk-warning')).toMatchObject({ threshold: 70, clearThreshold: 65, for: 900_000, severity: 'warning' });
    expect(byId.has('swap-warning')).toBe(false);
    expect(byId.get('uploads-full')).toMatchObject({ severity: 'info', labels: { check: 'uploads-full' }, matchers: { mount: { oneOf: ['/srv/uploads', '/data'] } } });
    expect(rules.at(-1)?.id).toBe('uploads-full');
  });

  it('uses Alertmanager timer defaults and the sampling interval as the evaluation interval', () => {
    const settings = alertSettings(config(''));
    expect(settings).toMatchObject({ groupWait: 30_000, groupInterval: 300_000, repeatInterval: 14_400_000, evaluationInterval: 15_000, groupBy: ['rule'], maxSilence: 30 * 86_400_000 });
    expect(alertSettings(config('alerting:\n  evaluationInterval: 1m\n  groupWait: 0s\n'))).toMatchObject({ evaluationInterval: 60_000, groupWait: 0 });
  });
});
