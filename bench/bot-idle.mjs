// The running bot at its default 15 s sampling, against Prometheus' own host agent (node_exporter) scraped at the
// same interval, several instances of each side by side for the same minutes: RSS at the end and CPU share.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, readProcess, sleep } from './lib.mjs';

const ROOT = join(import.meta.dirname, '..');
const NODE_EXPORTER = '/usr/bin/prometheus-node-exporter';
const SCRAPE_MS = 15_000;

function startBot(index) {
  const cwd = mkdtempSync(join(tmpdir(), `bench-bot-${index}-`));
  const child = spawn('node', [join(ROOT, 'dist', 'src', 'main.js')], {
    cwd,
    env: { ...process.env, CINEMATA_OPS_HTTP_PORT: String(19_800 + index), CINEMATA_OPS_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { name: `bot-${index}`, child, url: `http://127.0.0.1:${19_800 + index}/metrics` };
}

function startNodeExporter(index) {
  const port = 19_900 + index;
  const child = spawn(NODE_EXPORTER, [`--web.listen-address=127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'ignore'] });
  return { name: `node_exporter-${index}`, child, url: `http://127.0.0.1:${port}/metrics` };
}

export async function benchBotIdle(minutes, instances) {
  const bots = Array.from({ length: instances }, (_, i) => startBot(i));
  const peers = existsSync(NODE_EXPORTER) ? Array.from({ length: instances }, (_, i) => startNodeExporter(i)) : [];
  const all = [...bots, ...peers];
  await sleep(5_000);
  const start = Object.fromEntries(all.map((p) => [p.name, { ...readProcess(p.child.pid), at: Date.now() }]));
  // Both sides are scraped like Prometheus would, so /metrics rendering is part of the cost on both.
  const scraper = setInterval(() => {
    for (const p of all) fetch(p.url).then((r) => r.arrayBuffer()).catch(() => undefined);
  }, SCRAPE_MS);
  const rssSamples = Object.fromEntries(all.map((p) => [p.name, []]));
  const end = Date.now() + minutes * 60_000;
  while (Date.now() < end) {
    await sleep(Math.min(30_000, end - Date.now()));
    for (const p of all) rssSamples[p.name].push(readProcess(p.child.pid).rssKiB);
  }
  clearInterval(scraper);
  const measure = (p) => {
    const now = readProcess(p.child.pid);
    const wall = (Date.now() - start[p.name].at) / 1000;
    return { rssMiB: now.rssKiB / 1024, maxRssMiB: Math.max(...rssSamples[p.name]) / 1024, cpuPercentOfOneCore: ((now.cpuSeconds - start[p.name].cpuSeconds) / wall) * 100 };
  };
  const botResults = bots.map(measure);
  const peerResults = peers.map(measure);
  for (const p of all) p.child.kill('SIGTERM');
  await sleep(2_000);
  const summarize = (list) =>
    list.length === 0
      ? null
      : {
          rssMiB: median(list.map((r) => r.rssMiB)),
          maxRssMiB: median(list.map((r) => r.maxRssMiB)),
          cpuPercentOfOneCore: median(list.map((r) => r.cpuPercentOfOneCore)),
        };
  return { minutes, instances, bot: summarize(botResults), nodeExporter: summarize(peerResults), raw: { bots: botResults, peers: peerResults } };
}
