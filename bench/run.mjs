// npm run bench: measures, then writes BENCHMARKS.md. Knobs: BENCH_CLI_RUNS (15), BENCH_BOT_MINUTES (10),
// BENCH_BOTS (3 instances side by side).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchBotIdle } from './bot-idle.mjs';
import { benchAlertEngineTick, benchAlertLatency } from './alert-engine.mjs';
import { benchCeleryQueues } from './celery-queues.mjs';
import { benchCliHealth } from './cli-health.mjs';
import { benchSlackAck, describeSlackAckBench } from './slack-ack.mjs';
import { benchEncodingsReport, describeEncodingsBench } from './encodings-report.mjs';
import { benchPostgresAudit } from './postgres-audit.mjs';
import { describeMachine } from './lib.mjs';

const cliRuns = Number(process.env.BENCH_CLI_RUNS ?? 15);
const botMinutes = Number(process.env.BENCH_BOT_MINUTES ?? 10);
const bots = Number(process.env.BENCH_BOTS ?? 3);

const fmt = (n, digits = 2) => (n === undefined || n === null || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));

console.log(`cli: ${cliRuns} runs of each subject`);
const cli = await benchCliHealth(cliRuns);
console.log(JSON.stringify(cli.summary));
console.log(`bot: ${bots} bots and ${bots} node_exporters for ${botMinutes} min`);
const bot = await benchBotIdle(botMinutes, bots);
console.log(JSON.stringify({ bot: bot.bot, nodeExporter: bot.nodeExporter }));
const pgRuns = Number(process.env.BENCH_PG_RUNS ?? 7);
console.log(`postgres audit: ${pgRuns} runs`);
const pga = await benchPostgresAudit(pgRuns);
console.log(JSON.stringify(pga.summary));
console.log('celery: queues with 1k/10k/100k messages waiting, worker-log parsing');
const celery = await benchCeleryQueues();
console.log(JSON.stringify({ queues: celery.queues, parse: celery.parse }));
console.log('alerts: threshold crossing to notification, engine cost per tick');
const alertLatency = await benchAlertLatency(Number(process.env.BENCH_ALERT_TRIALS ?? 51));
const alertTick = await benchAlertEngineTick(Number(process.env.BENCH_ALERT_TICKS ?? 60));
console.log(JSON.stringify({ latency: alertLatency.ours, tick: alertTick.perTickMs }));
console.log('slack: acknowledgement latency of signed slash commands');
const slackAck = await benchSlackAck({ requests: 200, concurrency: 20, rounds: Number(process.env.BENCH_SLACK_ROUNDS ?? 5) });
console.log('encodings: report encoding-failures over 1M rows');
const encodings = await benchEncodingsReport();
console.log(JSON.stringify(encodings.wallSeconds));

const h = cli.summary.health;
const peer = cli.summary.shellPeer;
const bare = cli.summary.nodeStartup;
const ne = bot.nodeExporter;
const lines = [
  '# Benchmarks',
  '',
  `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench\` on ${describeMachine()}.`,
  'The machine is shared and noisy: every figure is a median, and each ratio compares against a peer measured in the',
  'same run, interleaved with the subject.',
  '',
  `## \`cinemata-ops health --json\` as a whole process (median of ${cli.runs} runs)`,
  '',
  '| subject | wall time | peak RSS | ratio (wall) |',
  '|---|---:|---:|---:|',
  `| \`cinemata-ops health --json\` | ${fmt(h.wallSeconds)} s | ${fmt(h.peakRssMiB, 1)} MiB | 1.00 |`,
  `| peer: \`uptime; free; df; df -i; vmstat 1 2; ps …; systemctl show …\` | ${fmt(peer.wallSeconds)} s | ${fmt(peer.peakRssMiB, 1)} MiB | ${fmt(h.wallSeconds / peer.wallSeconds)}× |`,
  `| floor: \`node -e 0\` | ${fmt(bare.wallSeconds)} s | ${fmt(bare.peakRssMiB, 1)} MiB | ${fmt(h.wallSeconds / bare.wallSeconds)}× |`,
  '',
  'Goal: under 1 s. Most of the time is the deliberate half-second window over which CPU, disk and network rates',
  'are measured (a single reading cannot give a rate), and Node start-up. The shell peer reads the same things',
  'but takes one second for its CPU window (`vmstat 1 2`) and prints raw text for a person to interpret.',
  '',
  `## The running bot at the default 15 s sampling (${bot.instances} instances side by side, ${bot.minutes} min, scraped every 15 s)`,
  '',
  '| subject | RSS at the end | highest RSS seen | CPU (share of one core) |',
  '|---|---:|---:|---:|',
  `| cinemata-ops (\`npm start\`, headless) | ${fmt(bot.bot.rssMiB, 1)} MiB | ${fmt(bot.bot.maxRssMiB, 1)} MiB | ${fmt(bot.bot.cpuPercentOfOneCore)} % |`,
  ne
    ? `| peer: prometheus-node-exporter (Debian) | ${fmt(ne.rssMiB, 1)} MiB | ${fmt(ne.maxRssMiB, 1)} MiB | ${fmt(ne.cpuPercentOfOneCore)} % |`
    : '| peer: prometheus-node-exporter | not installed | | |',
  ne ? `| ratio (bot ÷ peer) | ${fmt(bot.bot.rssMiB / ne.rssMiB)}× | | ${fmt(bot.bot.cpuPercentOfOneCore / ne.cpuPercentOfOneCore)}× |` : '',
  '',
  'Goals: RSS ≤ 100 MB after 10 minutes, CPU ≤ 1 % of one core. node_exporter only exports host metrics; the bot',
  'also keeps history in SQLite, runs the scheduler and the systemd probe, and answers commands.',
  '',
  `Raw per-instance figures: \`${JSON.stringify(bot.raw)}\``,
  '',
  `## \`cinemata-ops report query-audit --json\` (${pga.distinctStatements} statements in pg_stat_statements, ${pga.mediaRows} media rows; median of ${pga.runs} runs)`,
  '',
  '| subject | wall time | peak RSS | database time per run | ratio (wall) |',
  '|---|---:|---:|---:|---:|',
  `| \`cinemata-ops report query-audit --json\` | ${fmt(pga.summary.audit.wallSeconds)} s | ${fmt(pga.summary.audit.peakRssMiB, 1)} MiB | ${fmt(pga.summary.audit.ownDbMs, 1)} ms (own statements, by marker) | 1.00 |`,
  `| peer: PgHero's slow-queries SQL via \`psql\` | ${fmt(pga.summary.pgHeroPsql.wallSeconds)} s | ${fmt(pga.summary.pgHeroPsql.peakRssMiB, 1)} MiB | ${fmt(pga.summary.pgHeroPsql.dbMs, 1)} ms | ${fmt(pga.ratios.wall)}× |`,
  `| floor: \`cinemata-ops version --json\` | ${fmt(pga.summary.cliStartup.wallSeconds)} s | ${fmt(pga.summary.cliStartup.peakRssMiB, 1)} MiB | | |`,
  '',
  "Goals: under 1 s, and under 50 ms of database time for the bot's own statements per audit. The peer reads pg_stat_statements once and prints 100 rows; the audit also compares two stored snapshots, finds regressions and new statements, and gives advice.",
  '',
  ...celery.lines,
  ...describeEncodingsBench(encodings),
  ...describeSlackAckBench(slackAck),
  `## Alerts: from a threshold crossing to the notification leaving the outbox (${alertLatency.trials} trials, default settings)`,
  '',
  '| subject | median, from when `for` is met | worst | median, from the crossing (rule `for` 2m) |',
  '|---|---:|---:|---:|',
  `| cinemata-ops (sampling ${alertLatency.settings.samplingInterval} s, group wait ${alertLatency.settings.groupWait} s) | ${fmt(alertLatency.ours.fromDueSeconds, 1)} s | ${fmt(alertLatency.ours.fromDueWorstSeconds, 1)} s | ${fmt(alertLatency.ours.fromCrossingSeconds, 1)} s |`,
  `| peer: Prometheus + Alertmanager defaults (scrape 1m, evaluation 1m, group_wait 30s), same crossings | ${fmt(alertLatency.peer.fromDueSeconds, 1)} s | ${fmt(alertLatency.peer.fromDueWorstSeconds, 1)} s | ${fmt(alertLatency.peer.fromCrossingSeconds, 1)} s |`,
  '',
  `Goal: within one evaluation interval + 1 s of \`for\` being met. Engine and outbox work per notification: ${fmt(alertLatency.ours.engineAndOutboxMs, 2)} ms (real time; the clock of the trial is simulated). The peer column is computed from the documented defaults over the same random crossing phases.`,
  '',
  `Engine cost per tick with ${alertTick.series} series and ${alertTick.rules} rules (${alertTick.firingAlerts} firing): median ${fmt(alertTick.perTickMs, 1)} ms (evaluation alone ${fmt(alertTick.evaluateMs, 1)} ms, worst ${fmt(alertTick.worstTickMs, 1)} ms) over ${alertTick.ticks} ticks; goal < 50 ms.`,
  '',
  'Reproduce: `npm run bench` (`BENCH_BOT_MINUTES=1 npm run bench` for a quick look; the peer needs',
  '`apt-get install prometheus-node-exporter`; the Celery section needs an empty scratch Redis DB, `BENCH_REDIS_URL`,',
  'default `redis://127.0.0.1:6379/9`, and flushes it afterwards; `BENCH_CELERY_RUNS` and `BENCH_LOG_LINES` tune it).',
  '',
].filter((line) => line !== undefined);
writeFileSync(join(import.meta.dirname, '..', 'BENCHMARKS.md'), lines.join('\n'));
console.log('wrote BENCHMARKS.md');
