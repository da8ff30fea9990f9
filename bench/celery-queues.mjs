// `queues` against a broker holding 1k, 10k and 100k waiting messages, and the worker-log parser's throughput,
// each against a peer measured in the same run. Needs `npm run build` and an EMPTY scratch Redis DB
// (BENCH_REDIS_URL, default redis://127.0.0.1:6379/9), which it fills and flushes. Knobs: BENCH_CELERY_RUNS (25),
// BENCH_LOG_LINES (400000).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { median } from './lib.mjs';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'celery');
const SIZES = [1_000, 10_000, 100_000];
const QUEUES = ['long_tasks', 'short_tasks', 'whisper_tasks', 'celery'];
const SEP = '\x06\x16';
const STEPS = [0, 3, 6, 9];

const fmt = (n, digits = 2) => (n === undefined || n === null || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));

export async function benchCeleryQueues() {
  const runs = Number(process.env.BENCH_CELERY_RUNS ?? 25);
  const logLines = Number(process.env.BENCH_LOG_LINES ?? 400_000);
  const url = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/9';
  const queues = await benchQueues(url, runs);
  const parse = await benchLogParse(logLines);
  return { runs, queues, parse, lines: markdown(runs, url, queues, parse) };
}

/** A real encode_media envelope from broker-dump.json, with a fresh id and enqueued_at per message. */
function envelopeMaker() {
  const dump = JSON.parse(readFileSync(join(FIXTURES, 'broker-dump.json'), 'utf8'));
  const template = dump.long_tasks.value[0];
  const id = JSON.parse(template).headers.id;
  return (i, enqueuedAt) => template.replaceAll(id, `${id.slice(0, 24)}${String(i).padStart(12, '0')}`).replace(/"enqueued_at": [\d.]+/, `"enqueued_at": ${enqueuedAt}`);
}

async function fill(admin, total) {
  const make = envelopeMaker();
  const now = Date.now() / 1000;
  await admin.del('long_tasks', `long_tasks${SEP}9`);
  // Nine in ten at priority 0, one in ten at 9 (240p/360p encodes), oldest first.
  for (let done = 0; done < total; done += 5_000) {
    const batch = Math.min(5_000, total - done);
    const p0 = [];
    const p9 = [];
    for (let i = 0; i < batch; i++) (i % 10 === 0 ? p9 : p0).push(make(done + i, now - total + done + i));
    const pipe = admin.pipeline();
    if (p0.length) pipe.lpush('long_tasks', ...p0);
    if (p9.length) pipe.lpush(`long_tasks${SEP}9`, ...p9);
    await pipe.exec();
  }
}

async function createQueuesApp(url) {
  const [{ createApp }, { readConfig }, { openSqliteStore }, { createRedisReader }, { createCeleryProbe }, { createSilentLogger }, queues] = await Promise.all([
    import(join(DIST, 'src', 'app.js')),
    import(join(DIST, 'src', 'config', 'load-config.js')),
    import(join(DIST, 'src', 'store', 'sqlite-store.js')),
    import(join(DIST, 'src', 'redis', 'redis-reader.js')),
    import(join(DIST, 'src', 'probes', 'celery.js')),
    import(join(DIST, 'src', 'log.js')),
    import(join(DIST, 'commands', 'queues.js')),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'bench-celery-'));
  const result = readConfig({ CINEMATA_OPS_DB: join(dir, 'store.sqlite'), CINEMATA_OPS_LOG_FILE: join(dir, 'ops.log'), CINEMATA_REDIS_URL: url }, dir);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const log = createSilentLogger();
  const store = openSqliteStore(result.config.env.CINEMATA_OPS_DB);
  const redis = createRedisReader({ url, log });
  let clock = Date.now();
  const app = createApp({
    config: result.config,
    store,
    log,
    // Each call moves the clock past the sampling interval, so every `queues` reads the broker afresh.
    now: () => clock,
    probes: [createCeleryProbe({ redis, celery: result.config.celery })],
    commands: [queues.default],
    schedules: [],
    deliverers: [],
    redis,
    version: 'bench',
    instance: 'bench',
  });
  return {
    async queues() {
      clock += 60_000;
      const started = performance.now();
      const out = await app.dispatch({ platform: 'cli', user: { id: 'bench' }, command: 'queues', args: [] });
      const ms = performance.now() - started;
      if (!out.ok) throw new Error(JSON.stringify(out.error));
      const reading = await app.runner.read('celery');
      return { ms, commands: reading.run.detail.commands, depth: reading.run.detail.queues[0].depth };
    },
    async close() {
      await redis.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Flower's method (flower/utils/broker.py): one pipeline of LLEN per priority list per queue; the depth only. */
async function flowerDepths(client) {
  const started = performance.now();
  const pipe = client.pipeline();
  for (const q of QUEUES) for (const step of STEPS) pipe.llen(step === 0 ? q : `${q}${SEP}${step}`);
  const replies = await pipe.exec();
  const ms = performance.now() - started;
  return { ms, depth: replies.slice(0, 4).reduce((n, [, v]) => n + v, 0) };
}

/** What an operator types: redis-cli with the same 16 LLENs, as one process. */
async function redisCliDepths(url) {
  const db = new URL(url).pathname.slice(1) || '0';
  const { hostname, port } = new URL(url);
  const script = QUEUES.flatMap((q) => STEPS.map((s) => `redis-cli -h ${hostname} -p ${port || 6379} -n ${db} LLEN "${s === 0 ? q : `${q}$(printf '\\006\\026')${s}`}"`)).join('; ');
  const started = performance.now();
  await promisify(execFile)('sh', ['-c', script]);
  return { ms: performance.now() - started };
}

async function benchQueues(url, runs) {
  const admin = new Redis(url);
  const size = await admin.dbsize();
  if (size !== 0) {
    admin.disconnect();
    throw new Error(`${url} holds ${size} keys: the Celery bench needs an empty scratch DB (set BENCH_REDIS_URL)`);
  }
  const app = await createQueuesApp(url);
  const floor = new Redis(url);
  const hasRedisCli = await promisify(execFile)('redis-cli', ['--version']).then(() => true, () => false);
  const results = [];
  try {
    for (const total of SIZES) {
      await fill(admin, total);
      await app.queues();
      const subject = [];
      const flower = [];
      const cli = [];
      let commands = 0;
      let depth = 0;
      for (let i = 0; i < runs; i++) {
        // Interleaved, so noise on the shared machine hits every subject alike.
        const run = await app.queues();
        subject.push(run.ms);
        commands = run.commands;
        depth = run.depth;
        flower.push((await flowerDepths(floor)).ms);
        if (hasRedisCli && i < Math.min(runs, 10)) cli.push((await redisCliDepths(url)).ms);
      }
      results.push({ total, depth, commands, queuesMs: median(subject), flowerMs: median(flower), redisCliMs: cli.length ? median(cli) : null });
    }
  } finally {
    await app.close();
    floor.disconnect();
    await admin.flushdb();
    admin.disconnect();
  }
  return results;
}

/** A large worker log in the real sample's shapes: its lines repeated with advancing times and fresh ids. */
function synthesiseLog(path, wanted) {
  const sample = readFileSync(join(FIXTURES, 'celery_long.log'), 'utf8').split('\n');
  const body = sample.slice(sample.findIndex((l) => l.startsWith('[2026-')));
  const chunks = [];
  let dated = 0;
  let second = Date.UTC(2026, 10, 28, 0, 0, 0) / 1000;
  for (let round = 0; dated < wanted; round++) {
    for (const line of body) {
      if (!line.startsWith('[2026-')) {
        chunks.push(line);
        continue;
      }
      second += 0.05;
      const stamp = new Date(second * 1000).toISOString().replace('T', ' ').replace('.', ',').slice(0, 23);
      chunks.push(`[${stamp}${line.slice(24)}`.replace(/\[([0-9a-f]{8})-/, (_, id) => `[${(parseInt(id, 16) ^ round).toString(16).padStart(8, '0')}-`));
      dated++;
    }
  }
  writeFileSync(path, chunks.join('\n') + '\n');
  return dated;
}

async function benchLogParse(wanted) {
  const [{ createTaskLogParser }, { openSqliteStore }] = await Promise.all([
    import(join(DIST, 'src', 'celery', 'task-log-parser.js')),
    import(join(DIST, 'src', 'store', 'sqlite-store.js')),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'bench-celery-log-'));
  const path = join(dir, 'celery_long.log');
  const dated = synthesiseLog(path, wanted);
  const bytes = statSync(path).size;
  const parses = [];
  const greps = [];
  try {
    for (let i = 0; i < 3; i++) {
      const store = openSqliteStore(join(dir, `store-${i}.sqlite`));
      const parser = createTaskLogParser({ store, logs: [{ unit: 'celery_long', path }], zone: 'utc', maxBytesPerRun: bytes + 1 });
      const started = performance.now();
      const [status] = await parser.update(Date.UTC(2026, 11, 4));
      const ms = performance.now() - started;
      if (status.linesParsed !== dated) throw new Error(`parsed ${status.linesParsed} of ${dated} dated lines`);
      parses.push(ms);
      store.close();
      const g = performance.now();
      await promisify(execFile)('grep', ['-cE', 'received$|succeeded in|raised unexpected|retry:|Soft time limit', path], { maxBuffer: 1 << 20 });
      greps.push(performance.now() - g);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ms = median(parses);
  return { dated, bytes, ms, linesPerSecond: dated / (ms / 1000), grepMs: median(greps) };
}

function markdown(runs, url, queues, parse) {
  const floor = queues[0];
  return [
    `## \`queues\` against a growing broker (median of ${runs} calls per size)`,
    '',
    '| messages waiting in long_tasks | `queues` (probe read + report) | Redis commands per call | peer: Flower\'s LLEN pipeline (depth only) | ratio (÷ Flower) | `redis-cli` × 16 LLEN |',
    '|---:|---:|---:|---:|---:|---:|',
    ...queues.map((r) => `| ${r.depth.toLocaleString('en-US')} | ${fmt(r.queuesMs)} ms | ${r.commands} | ${fmt(r.flowerMs)} ms | ${fmt(r.queuesMs / r.flowerMs, 1)}× | ${r.redisCliMs === null ? 'not installed' : `${fmt(r.redisCliMs, 0)} ms`} |`),
    '',
    `Goal: under 20 ms and flat as the queue grows. The cost is fixed: ${floor?.commands} commands (16 LLEN in one pipeline, HLEN`,
    'and ZRANGE of the unacked index, then at most two LRANGE per non-empty priority list for the 200-message sample),',
    'so 100k messages cost what 1k do. Flower gets only the depth; `queues` also reads the oldest wait, what runs next,',
    `the sampled task breakdown and the unacked messages. Messages are real encode_media envelopes (~1 KB) in ${url}.`,
    '',
    `## Worker-log parsing (median of 3 full parses)`,
    '',
    '| subject | lines | time | lines per second |',
    '|---|---:|---:|---:|',
    `| task-log parser (outcomes, run-time digests, errors, into SQLite) | ${parse.dated.toLocaleString('en-US')} | ${fmt(parse.ms, 0)} ms | ${Math.round(parse.linesPerSecond).toLocaleString('en-US')} |`,
    `| peer: \`grep -cE\` for the same five line shapes (one count, no names or times) | ${parse.dated.toLocaleString('en-US')} | ${fmt(parse.grepMs, 0)} ms | ${Math.round(parse.dated / (parse.grepMs / 1000)).toLocaleString('en-US')} |`,
    '',
    `A ${(parse.bytes / 2 ** 20).toFixed(0)} MiB log synthesised from the real celery_long.log's lines (tracebacks included), parsed`,
    'from a cold start in one run; the bot reads at most 64 MiB per log per sampling round, in 1 MiB chunks, and then only what',
    'was appended, so a catch-up spreads over a few rounds and memory does not grow with the log.',
    '',
  ];
}
