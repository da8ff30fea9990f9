import { describe, expect, it } from 'vitest';
import { seriesKey } from '../../src/history/series-key.js';
import type { Labels } from '../../src/probes/probe.js';
import { catalogueEntry } from '../../src/rules/catalogue.js';
import { DEFAULT_RULE_SPECS, defaultRules } from '../../src/rules/defaults.js';
import { alertLabels, evaluateRule, summarize, type MetricView, type SeriesReading } from '../../src/rules/evaluate.js';
import { RUNBOOKS } from '../../src/rules/runbooks.js';
import type { Rule } from '../../src/rules/rule.js';
import { TEMPLATE_VARIABLES, templateNames } from '../../src/rules/template.js';
import { testConfig } from '../helpers/test-app.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const NOW = Date.UTC(2026, 0, 1);
const H = 3_600_000;

function reading(metric: string, labels: Labels, value: number): SeriesReading {
  return { key: seriesKey(metric, labels), labels, value, at: NOW };
}

function view(readings: SeriesReading[], history: Record<string, Array<[number, number]>> = {}): MetricView {
  return {
    series: (metric) => readings.filter((r) => r.key === metric || r.key.startsWith(`${metric}{`)),
    range: (key, from, to) => (history[key] ?? []).filter(([at]) => at >= from && at <= to),
  };
}

function rule(overrides: Partial<Rule>): Rule {
  return {
    id: 'r',
    metric: 'host_filesystem_used_percent',
    matchers: {},
    transform: { kind: 'value' },
    comparator: '>',
    threshold: 90,
    clearThreshold: 85,
    for: 0,
    severity: 'warning',
    labels: {},
    summary: '{{mount}} is {{value}}% full',
    runbook: '',
    topics: [],
    ...overrides,
  };
}

describe('evaluateRule', () => {
  const disks = [reading('host_filesystem_used_percent', { mount: '/' }, 95), reading('host_filesystem_used_percent', { mount: '/data' }, 87), reading('host_filesystem_used_percent', { mount: '/boot' }, 20)];

  it('raises above the threshold and holds in the band above the clear threshold', () => {
    const outcomes = evaluateRule(rule({}), view(disks), NOW);
    expect(outcomes.map((o) => [o.reading.labels.mount, o.raised, o.held])).toEqual([
      ['/', true, true],
      ['/data', false, true],
    ]);
  });

  it('matches labels by equality, oneOf, regex (anchored) and not', () => {
    const mounts = (r: Rule) => evaluateRule({ ...r, threshold: 0, clearThreshold: undefined }, view(disks), NOW).map((o) => o.reading.labels.mount);
    expect(mounts(rule({ matchers: { mount: '/data' } }))).toEqual(['/data']);
    expect(mounts(rule({ matchers: { mount: { oneOf: ['/', '/boot'] } } }))).toEqual(['/', '/boot']);
    expect(mounts(rule({ matchers: { mount: { regex: '/d.*' } } }))).toEqual(['/data']);
    expect(mounts(rule({ matchers: { mount: { regex: 'data' } } }))).toEqual([]);
    expect(mounts(rule({ matchers: { mount: { not: '/' } } }))).toEqual(['/data', '/boot']);
  });

  it('divides by a scalar metric for a ratio (load per core)', () => {
    const r = rule({ metric: 'host_load5', transform: { kind: 'ratio', divideBy: 'host_cpu_cores' }, threshold: 1.5, clearThreshold: undefined, summary: '{{value}} per core' });
    const outcomes = evaluateRule(r, view([reading('host_load5', {}, 8), reading('host_cpu_cores', {}, 4)]), NOW);
    expect(outcomes.map((o) => o.value)).toEqual([2]);
  });

  it('counts a counter increase over the window, resets included', () => {
    const key = seriesKey('service_restarts_total', { unit: 'nginx.service' });
    const history = { [key]: [[NOW - 50 * 60_000, 2], [NOW - 30 * 60_000, 4], [NOW - 20 * 60_000, 1], [NOW, 3]] as Array<[number, number]> };
    const r = rule({ metric: 'service_restarts_total', transform: { kind: 'increase', window: H }, comparator: '>=', threshold: 3, clearThreshold: undefined, summary: '{{unit}}' });
    expect(evaluateRule(r, view([reading('service_restarts_total', { unit: 'nginx.service' }, 3)], history), NOW).map((o) => o.value)).toEqual([5]);
  });

  it('predicts a disk full within 24 h from the last hours by linear regression, with its eta', () => {
    const key = seriesKey('host_filesystem_used_percent', { mount: '/' });
    // 2 points per hour over 6 h, growing 2% an hour from 60%: full in 36 h from 72%... 14 h at the end.
    const points: Array<[number, number]> = Array.from({ length: 13 }, (_, i) => [NOW - 6 * H + (i * H) / 2, 60 + i]);
    const spec = DEFAULT_RULE_SPECS.find((s) => s.id === 'disk-predicted-full');
    const r = defaultRules(testConfig(makeTempDir())).find((x) => x.id === 'disk-predicted-full') as Rule;
    expect(spec).toBeDefined();
    const [outcome] = evaluateRule(r, view([reading('host_filesystem_used_percent', { mount: '/' }, 72)], { [key]: points }), NOW);
    expect(outcome?.raised).toBe(true);
    expect(outcome?.value).toBeCloseTo(120, 5);
    expect(summarize(outcome!, alertLabels(r, outcome!.reading))).toBe('/ will be full in about 14h at the rate of the last 6 h (now 72% used)');
  });

  it('does not predict from too little history, nor below the level gate', () => {
    const key = seriesKey('host_filesystem_used_percent', { mount: '/' });
    const r = defaultRules(testConfig(makeTempDir())).find((x) => x.id === 'disk-predicted-full') as Rule;
    const short: Array<[number, number]> = [[NOW - 10 * 60_000, 70], [NOW - 5 * 60_000, 80], [NOW, 90]];
    expect(evaluateRule(r, view([reading('host_filesystem_used_percent', { mount: '/' }, 90)], { [key]: short }), NOW)).toEqual([]);
    const steep: Array<[number, number]> = Array.from({ length: 13 }, (_, i) => [NOW - 6 * H + (i * H) / 2, 10 + 3 * i]);
    expect(evaluateRule(r, view([reading('host_filesystem_used_percent', { mount: '/' }, 46)], { [key]: steep }), NOW).filter((o) => o.raised)).toEqual([]);
  });

  it('labels an alert with its series, check, probe, alertname and severity', () => {
    const r = rule({ id: 'disk-warning', labels: { check: 'disk', team: 'ops' } });
    expect(alertLabels(r, disks[0] as SeriesReading)).toEqual({ mount: '/', check: 'disk', team: 'ops', probe: 'host', alertname: 'disk-warning', severity: 'warning' });
  });
});

describe('the default rule set', () => {
  const rules = defaultRules(testConfig(makeTempDir()));

  it('has unique ids, catalogued metrics, a runbook, and only known placeholders in every summary', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) {
      const entry = catalogueEntry(r.metric);
      expect(entry, r.id).toBeDefined();
      expect(r.runbook.length, r.id).toBeGreaterThan(50);
      const known = new Set<string>([...TEMPLATE_VARIABLES, ...(entry?.labels ?? []), 'check', 'probe', ...(r.metric === 'probe_up' ? ['error'] : [])]);
      expect(templateNames(r.summary).filter((n) => !known.has(n)), r.id).toEqual([]);
      expect(r.for === 0 || r.for >= 60_000, r.id).toBe(true);
    }
  });

  it('covers what the seed and the probes call for', () => {
    const metrics = new Set(rules.map((r) => r.metric));
    for (const metric of [
      'host_cpu_percent', 'host_memory_used_percent', 'host_filesystem_used_percent', 'host_load5', 'service_up', 'probe_up',
      'postgres_roundtrip_seconds', 'postgres_search_seconds', 'postgres_connections_used_percent', 'postgres_blocked_queries',
      'postgres_idle_in_transaction_oldest_seconds', 'celery_queue_depth', 'celery_queue_oldest_age_seconds', 'encodings_stuck',
      'encodings_slots_used_percent', 'encodings_failure_percent', 'celery_worker_up', 'celery_beat_last_seen_seconds',
      'http_5xx_percent', 'http_p95_seconds', 'tls_expiry_days', 'errors_new_groups',
    ]) expect(metrics.has(metric), metric).toBe(true);
    expect(rules.some((r) => r.transform.kind === 'predict')).toBe(true);
    for (const topic of ['celery', 'celery-queue', 'celery-restart', 'encodings-failed', 'rollback']) expect(RUNBOOKS[topic]?.text.length ?? 0).toBeGreaterThan(100);
  });
});
