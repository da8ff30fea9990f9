// Alert engine benchmarks (run after `npm run build`; they import dist/). Two exported functions:
//   benchAlertLatency(trials): threshold crossing → notification delivered by the outbox, at default settings,
//     against the Prometheus + Alertmanager defaults computed from their documented values;
//   benchAlertEngineTick(ticks): the engine's cost per tick with 10,000 series and 100 rules.
// `node bench/alert-engine.mjs` runs both and prints JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { median } from './lib.mjs';

const dist = (path) => import(pathToFileURL(join(import.meta.dirname, '..', 'dist', 'src', path)).href);
const { createAlertEngine } = await dist('alerts/engine.js');
const { alertSettings } = await dist('alerts/settings.js');
const { createOutboxWorker } = await dist('notify/outbox-worker.js');
const { openSqliteStore } = await dist('store/sqlite-store.js');
const { readConfig } = await dist('config/load-config.js');
const { buildRules } = await dist('rules/build-rules.js');

const log = pino({ level: 'silent' });
const S = 1_000;

/** The configuration as the defaults give it (no file), with the store in `dir`. */
function defaults(dir) {
  const result = readConfig({ CINEMATA_OPS_DB: join(dir, 'store.sqlite'), CINEMATA_OPS_LOG_FILE: join(dir, 'log.jsonl') }, dir);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

/** A deterministic uniform [0, 1) generator, so two runs draw the same phases. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * One trial: the engine ticks every sampling interval (15 s, the default evaluation interval); the disk crosses
 * 90% at a random phase between two ticks. Simulated time comes from a fake clock; the engine's and the outbox's
 * own work is measured in real time and added. Returns seconds from the crossing (and from the moment `for`
 * was satisfied) to the notification leaving the outbox.
 */
let trialNumber = 0;
async function latencyTrial(config, dir, ruleId, phase) {
  const store = openSqliteStore(join(dir, `latency-${trialNumber++}.sqlite`));
  const rules = buildRules(config).filter((rule) => rule.id === ruleId);
  const settings = alertSettings(config);
  const interval = config.sampling.interval;
  let now = Date.UTC(2026, 0, 1);
  let delivered;
  let realMs = 0;
  const deliverer = { platform: 'console', deliver: async () => ((delivered = now), { ok: true }) };
  const engine = createAlertEngine({ store, rules, settings, route: () => ['console'], now: () => now, log, instance: 'bench' });
  const outbox = createOutboxWorker({ store, deliverers: [deliverer], log, now: () => now });
  const crossing = now + phase * interval;
  try {
    for (let tick = 1; delivered === undefined && tick < 10_000; tick++) {
      now += interval;
      const value = now >= crossing ? 95 : 50;
      engine.observe('host', [{ metric: 'host_filesystem_used_percent', labels: { mount: '/' }, value, at: now }]);
      const started = performance.now();
      engine.evaluate();
      await outbox.drain();
      if (delivered !== undefined) realMs = performance.now() - started;
    }
  } finally {
    store.close();
  }
  const rule = rules[0];
  const total = (delivered - crossing) / 1000 + realMs / 1000;
  return { fromCrossing: total, fromDue: total - rule.for / 1000, realMs };
}

/** Prometheus + Alertmanager at their documented defaults: scrape 1m, evaluation 1m, group_wait 30s (new group). */
function peerTrial(next, forSeconds) {
  const scrape = 60;
  const evaluation = 60;
  const groupWait = 30;
  const seenByScrape = next() * scrape; // the next scrape after the crossing
  const evaluated = next() * evaluation; // the next rule evaluation after that scrape
  // `for` counts from that evaluation; firing is decided at the first evaluation at least `for` later.
  const forDelay = Math.ceil(forSeconds / evaluation) * evaluation;
  const fromDue = seenByScrape + evaluated + (forDelay - forSeconds) + groupWait;
  return { fromDue, fromCrossing: fromDue + forSeconds };
}

export async function benchAlertLatency(trials = 51) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-alerts-'));
  try {
    const config = defaults(dir);
    const next = random(42);
    const phases = Array.from({ length: trials }, () => next());
    const ours = [];
    const immediate = [];
    for (const phase of phases) ours.push(await latencyTrial(config, dir, 'disk-critical', phase));
    // A rule with `for: 0` has no `for` to overlap the group wait: it waits the full 30 s.
    const zeroFor = { ...config, rules: [{ id: 'disk-critical', for: 0 }] };
    for (const phase of phases.slice(0, Math.min(trials, 21))) immediate.push(await latencyTrial(zeroFor, dir, 'disk-critical', phase));
    const peerNext = random(7);
    const peer = phases.map(() => peerTrial(peerNext, 120));
    const worst = (values) => Math.max(...values);
    return {
      trials,
      settings: { samplingInterval: config.sampling.interval / S, evaluationInterval: alertSettings(config).evaluationInterval / S, groupWait: config.alerting.groupWait / S, ruleFor: 120 },
      ours: {
        fromDueSeconds: median(ours.map((t) => t.fromDue)),
        fromDueWorstSeconds: worst(ours.map((t) => t.fromDue)),
        fromCrossingSeconds: median(ours.map((t) => t.fromCrossing)),
        engineAndOutboxMs: median(ours.map((t) => t.realMs)),
        forZeroFromCrossingSeconds: median(immediate.map((t) => t.fromCrossing)),
      },
      peer: {
        fromDueSeconds: median(peer.map((t) => t.fromDue)),
        fromDueWorstSeconds: 60 + 60 + 30,
        fromCrossingSeconds: median(peer.map((t) => t.fromCrossing)),
      },
      goalSeconds: alertSettings(config).evaluationInterval / S + 1,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const METRICS = [
  ['host_filesystem_used_percent', 'mount'],
  ['host_filesystem_inodes_used_percent', 'mount'],
  ['host_cpu_core_percent', 'core'],
  ['service_up', 'unit'],
  ['celery_queue_depth', 'queue'],
  ['celery_queue_oldest_age_seconds', 'queue'],
  ['http_5xx_percent', 'route'],
  ['http_p95_seconds', 'route'],
  ['tls_expiry_days', 'host'],
  ['host_filesystem_free_bytes', 'mount'],
];

/** 100 rules, 10 per metric, with equality, oneOf, regex and no matchers, thresholds so that about 1% fire. */
function syntheticRules() {
  const rules = [];
  for (const [metric, label] of METRICS) {
    for (let i = 0; i < 10; i++) {
      const matchers = i % 4 === 0 ? {} : i % 4 === 1 ? { [label]: { regex: `s-0[0-4].*` } } : i % 4 === 2 ? { [label]: { oneOf: ['s-0001', 's-0500', 's-0999'] } } : { [label]: { not: 's-0002' } };
      rules.push({
        id: `${metric.replaceAll('_', '-')}-${i}`,
        metric,
        matchers,
        transform: { kind: 'value' },
        comparator: '>',
        threshold: 99 - i * 0.01,
        clearThreshold: 95,
        for: 60_000,
        severity: i % 3 === 0 ? 'critical' : 'warning',
        labels: { check: `${metric}-${i % 5}` },
        summary: `{{${label}}} at {{value}}`,
        runbook: 'bench',
        topics: [],
      });
    }
  }
  return rules;
}

/** 10,000 series: 1,000 per metric; series s-0000…s-0009 of each metric sit above every threshold. */
function syntheticSamples(at, tick) {
  const samples = [];
  for (const [metric, label] of METRICS) {
    for (let i = 0; i < 1_000; i++) {
      const hot = i < 10;
      samples.push({ metric, labels: { [label]: `s-${String(i).padStart(4, '0')}` }, value: hot ? 99.5 : ((i * 7 + tick) % 90), at });
    }
  }
  return samples;
}

export async function benchAlertEngineTick(ticks = 60) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-alerts-'));
  const store = openSqliteStore(join(dir, 'store.sqlite'));
  try {
    const config = defaults(dir);
    const rules = syntheticRules();
    let now = Date.UTC(2026, 0, 1);
    const engine = createAlertEngine({ store, rules, settings: alertSettings(config), route: () => ['console'], now: () => now, log, instance: 'bench' });
    const warmup = 12;
    const total = [];
    const evaluateOnly = [];
    let firing = 0;
    for (let tick = 0; tick < warmup + ticks; tick++) {
      now += config.sampling.interval;
      const samples = syntheticSamples(now, tick);
      const started = performance.now();
      engine.observe('bench', samples);
      const observed = performance.now();
      const result = engine.evaluate();
      const ended = performance.now();
      if (!result.evaluated) throw new Error('every tick should evaluate at the default interval');
      if (tick >= warmup) {
        total.push(ended - started);
        evaluateOnly.push(ended - observed);
      }
      firing = engine.snapshot().filter((alert) => alert.status === 'firing').length;
    }
    return {
      series: METRICS.length * 1_000,
      rules: rules.length,
      ticks,
      firingAlerts: firing,
      perTickMs: median(total),
      evaluateMs: median(evaluateOnly),
      worstTickMs: Math.max(...total),
      goalMs: 50,
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify({ latency: await benchAlertLatency(), tick: await benchAlertEngineTick() }, null, 2));
}
