// `cinemata-ops health --json` as a whole process, against the shell commands an operator would type for the
// same picture, and against bare Node start-up, measured in the same run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, timeProcess } from './lib.mjs';

const ROOT = join(import.meta.dirname, '..');
const UNITS = 'celery_long celery_short celery_whisper celery_beat mediacms nginx postgresql redis-server';
// The peer: what an operator types for the same picture (uptime, memory, filesystems, top processes, units).
// vmstat 1 2 measures CPU busy over one second, as health does over half a second.
const SHELL_PEER = `uptime; free -b; df -P; df -Pi; vmstat 1 2; ps aux --sort=-%cpu | head -9; ps aux --sort=-%mem | head -9; systemctl show --property=ActiveState,SubState,NRestarts ${UNITS} 2>/dev/null; true`;

export async function benchCliHealth(runs) {
  const cwd = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  const env = { ...process.env, CINEMATA_OPS_DB: join(cwd, 'store.sqlite'), CINEMATA_OPS_LOG_FILE: join(cwd, 'ops.log') };
  const subjects = {
    health: ['node', join(ROOT, 'bin', 'cinemata-ops.js'), 'health', '--json'],
    shellPeer: ['sh', '-c', SHELL_PEER],
    nodeStartup: ['node', '-e', '0'],
  };
  const results = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
  await timeProcess(subjects.health, { cwd, env }); // warm the page cache and create the store once
  for (let i = 0; i < runs; i++) {
    // Interleaved, so a burst of noise on the shared machine hits every subject alike.
    for (const [name, argv] of Object.entries(subjects)) results[name].push(await timeProcess(argv, { cwd, env }));
  }
  const summary = {};
  for (const [name, list] of Object.entries(results)) {
    summary[name] = { wallSeconds: median(list.map((r) => r.wallSeconds)), peakRssMiB: median(list.map((r) => r.peakRssKiB)) / 1024 };
  }
  return { runs, summary };
}
