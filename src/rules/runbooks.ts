/**
 * Runbooks: the concrete steps for a CinemataCMS host, from the platform's monitoring guide and its code
 * (restart_script.sh, rollback.sh, files/tasks.py). Rules point at a topic; `runbook <topic>` shows one.
 * Plain text, one step per line, so every renderer can show it and a notification can quote the first lines.
 */
export interface RunbookTopic {
  title: string;
  text: string;
}

const CELERY_RESTART_COST =
  'What a restart costs: restarting ANY of celery_long, celery_short or celery_whisper kills every ffmpeg on the host ' +
  '(worker_shutting_down → kill_all_ffmpeg_processes), so every in-flight encode, sprite job and whisper extraction ' +
  'dies and spends its one retry; an encode that had already retried stays `fail`. Tasks acked and lost leave ' +
  'encoding rows `running` until repaired (task_acks_late is off).';

export const RUNBOOKS: Readonly<Record<string, RunbookTopic>> = {
  cpu: {
    title: 'CPU busy',
    text: [
      '1. `/ops health` lists the top processes by CPU. ffmpeg near the top is the encoding pipeline doing its job: check the backlog (`/ops alerts`, encodings rules) before acting.',
      '2. uwsgi near the top: traffic or a slow view. Check search and listing latency (`/api/v1/search`, `/api/v1/media`) and the NGINX 5xx rate.',
      '3. postgres near the top: look for long-running queries (`SELECT pid, now()-query_start, query FROM pg_stat_activity WHERE state <> \'idle\' ORDER BY 2 DESC`).',
      '4. Sustained over 95% with encodes: lower `--concurrency` of celery_long (4 by default) in deploy/celery_long.service, then restart it off-peak (see `runbook celery-restart`).',
    ].join('\n'),
  },
  memory: {
    title: 'Memory or swap pressure',
    text: [
      '1. `/ops health` lists the top processes by memory. uwsgi workers grow over time; whisper transcription and 4K encodes use a lot.',
      '2. Check for OOM kills: `journalctl -k | grep -i "killed process"`. An OOM-killed Celery worker loses its task (acks are not late): look for encodings stuck `running`.',
      '3. Relieve: `systemctl reload mediacms` recycles uwsgi workers gracefully; restarting mediacms instead runs `killall -9 uwsgi` and drops in-flight requests.',
      '4. Swap filling up steadily means the box is undersized for its concurrency: lower celery_long/celery_whisper concurrency or add memory.',
    ].join('\n'),
  },
  disk: {
    title: 'Disk filling up',
    text: [
      '1. Find what grew: `du -xh --max-depth=2 /home/cinemata/cinematacms/media_files | sort -h | tail` and `df -h`.',
      '2. Usual suspects: media_files/original (uploads), media_files/encoded, media_files/hls; failed chunk .mkv files left in media_files/original/user/<name>/ (never cleaned up); /tmp ffmpeg temp files; logs (logrotate is not installed; uWSGI errorlog.txt is never rotated).',
      '3. Orphaned uploads older than 24 h are removed by cleanup_orphaned_uploads at 02:00; you can run it now: `celery -A cms call cleanup_orphaned_uploads --queue short_tasks` (the --queue is required).',
      '4. PostgreSQL data directory: run VACUUM (not FULL) on bloated tables; check `pg_stat_user_tables.n_dead_tup`.',
      '5. A disk that reaches 100% makes ffmpeg fail with "No space left on device" and PostgreSQL stop writing: free space before restarting anything.',
    ].join('\n'),
  },
  inodes: {
    title: 'Inodes running out',
    text: [
      '1. Find directories with many files: `for d in /home/cinemata/cinematacms/media_files/*; do echo "$(find "$d" | wc -l) $d"; done | sort -n`.',
      '2. HLS segments (media_files/hls) and sprite frames are the usual source; chunk directories in media_files/chunks older than 24 h are orphans.',
      '3. Remove orphans only after checking the media no longer exists in files_media.',
    ].join('\n'),
  },
  load: {
    title: 'Load average high',
    text: [
      '1. Load above the core count with low CPU means processes waiting on disk: check `vmstat 1 5` (the b and wa columns) and disk I/O in `/ops health`.',
      '2. With high CPU, see `runbook cpu`.',
      '3. Many encodes in parallel on a small box: lower celery_long concurrency (restart cost: see `runbook celery-restart`).',
    ].join('\n'),
  },
  service: {
    title: 'A systemd unit is down or restarting',
    text: [
      '1. `systemctl status <unit>` and `journalctl -u <unit> -n 100` for the reason (errors before logging is set up go to the journal).',
      '2. Celery logs: /home/cinemata/cinematacms/logs/celery_long.log, celery_short.log, celery_whisper.log, beatcelery_beat.log (note the beat prefix).',
      '3. mediacms (uWSGI) failing to start: check /tmp/prometheus_multiproc exists and is owned by www-data, and `python manage.py check` in the venv.',
      '4. Start it: `systemctl start <unit>`. A unit in a restart loop (Restart=always, RestartSec=10) needs its cause fixed first.',
      `5. Celery workers: ${CELERY_RESTART_COST}`,
    ].join('\n'),
  },
  'blind-spot': {
    title: 'The bot cannot see something (a probe is failing)',
    text: [
      '1. The alert says which probe fails and why (connection refused, timeout, permission denied).',
      '2. While it fails, the alerts that depend on it are held (neither fired nor resolved) and muted: the bot does not know.',
      '3. postgres: check CINEMATA_DATABASE_URL, that postgresql is running, and pg_hba.conf for the bot\'s user.',
      '4. celery: check CINEMATA_REDIS_URL and `redis-cli -n 1 ping`.',
      '5. host/services: the bot needs read access to /proc and systemctl; check its own log (`cinemata-ops version` shows where).',
    ].join('\n'),
  },
  postgres: {
    title: 'PostgreSQL down or unreachable',
    text: [
      '1. `systemctl status postgresql` and `journalctl -u postgresql -n 100`; `pg_isready`.',
      '2. A full disk stops PostgreSQL: see `runbook disk`.',
      '3. While the database is down, every page and upload fails and the encoding pipeline stops; the database rules are muted behind this alert.',
      '4. After it is back, check for encodings stuck `running` (`runbook encodings`).',
    ].join('\n'),
  },
  'postgres-latency': {
    title: 'Database or search slow',
    text: [
      '1. Long-running and blocked queries first: `SELECT pid, now()-query_start AS age, wait_event_type, left(query,120) FROM pg_stat_activity WHERE state <> \'idle\' ORDER BY age DESC LIMIT 10`.',
      '2. Search: run EXPLAIN (ANALYZE, BUFFERS) on the /api/v1/search query; the vectors use the \'simple\' config while the query uses the server default, which defeats the index.',
      '3. Check the cache hit ratio and dead tuples; VACUUM ANALYZE the big tables (files_media, actions_mediaaction).',
      '4. Heavy N+1 work (get_list_of_popular_media) runs on long_tasks: do not trigger it at peak.',
    ].join('\n'),
  },
  'postgres-connections': {
    title: 'Connections near max_connections',
    text: [
      '1. Who holds them: `SELECT usename, application_name, state, count(*) FROM pg_stat_activity GROUP BY 1,2,3 ORDER BY 4 DESC`.',
      '2. Many idle-in-transaction sessions hold connections and locks: see `runbook postgres-locks`.',
      '3. uWSGI workers × processes plus Celery concurrency must stay below max_connections; reduce workers or add a pooler (pgbouncer).',
    ].join('\n'),
  },
  'postgres-locks': {
    title: 'Blocked queries and long transactions',
    text: [
      '1. Blockers: `SELECT pid, pg_blocking_pids(pid), wait_event_type, left(query,120) FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0`.',
      '2. Idle in transaction: `SELECT pid, now()-xact_start, left(query,120) FROM pg_stat_activity WHERE state = \'idle in transaction\' ORDER BY 2 DESC`.',
      '3. A migration (restart_script.sh runs `manage.py migrate`) can hold locks: check whether a deploy is running.',
      '4. Last resort, after confirming the session: `SELECT pg_cancel_backend(<pid>)`, then pg_terminate_backend if needed.',
    ].join('\n'),
  },
  celery: {
    title: 'Celery broker, queues and workers',
    text: [
      '1. Workers: `systemctl is-active celery_long celery_short celery_whisper celery_beat redis-server`; `sudo -u www-data /home/cinemata/bin/celery -A cms inspect ping --timeout 5` in /home/cinemata/cinematacms.',
      '2. What they are doing: `celery -A cms inspect active` / `reserved` / `scheduled`.',
      '3. Queue depth is the sum of LLEN over <queue>, <queue>\\x06\\x163, \\x06\\x166, \\x06\\x169 in Redis DB 1; 240p/360p encodes sit in the priority-9 list and go out last.',
      '4. Never FLUSHDB/FLUSHALL Redis DB 1: it holds the queues, unacked messages, results and every session.',
      '5. Restarting workers: see `runbook celery-restart` for what it costs.',
    ].join('\n'),
  },
  'celery-queue': {
    title: 'Queue backing up or stalled (clearing stalled task queues)',
    text: [
      '1. Is anyone consuming? A queue whose worker is down only grows: check `systemctl is-active celery_long celery_short celery_whisper`.',
      '2. The default queue `celery` has no consumer: tasks sent without --queue (celery call, send_task) pile up there forever. Re-send them with the right queue; do not start a worker on it blindly.',
      '3. Workers alive but not taking work: `celery -A cms inspect active` shows long tasks hogging slots (prefetch is 1); an encode can run up to its 7200 s soft limit.',
      '4. Drain deferred encodings now: `celery -A cms call dispatch_deferred_encodings --queue short_tasks` (a no-op when already running).',
      '5. To drop stale messages of one task, remove them from the list in Redis DB 1 selectively (LREM on the exact message); never flush the database.',
      `6. If a worker is hung: restart it (${CELERY_RESTART_COST})`,
    ].join('\n'),
  },
  'celery-restart': {
    title: 'Restarting Celery workers',
    text: [
      CELERY_RESTART_COST,
      '1. Before: check `celery -A cms inspect active` for running encodes; prefer a quiet moment.',
      '2. Check /tmp/prometheus_multiproc exists and is owned by www-data.',
      '3. `systemctl restart celery_long` (or celery_short / celery_whisper / celery_beat); ExecStop sends TERM (a warm shutdown).',
      '4. After: re-dispatch orphaned rows: `celery -A cms call check_pending_states --queue short_tasks`; look for rows stuck `running` (`runbook encodings`).',
    ].join('\n'),
  },
  'celery-beat': {
    title: 'Celery beat stale',
    text: [
      '1. Beat logs a line about every 60 s to /home/cinemata/cinematacms/logs/beatcelery_beat.log ("Scheduler: Sending due task dispatch_deferred_encodings").',
      '2. Without beat, deferred encodings are never dispatched and visibility schedules never apply.',
      '3. `systemctl status celery_beat`; its state file is celerybeat-schedule in /home/cinemata/cinematacms: a corrupt file stops it (move it aside and restart).',
      '4. `systemctl restart celery_beat` does not kill encodes (only the worker units do).',
    ].join('\n'),
  },
  encodings: {
    title: 'Stuck encodings and starved slots',
    text: [
      '1. Stuck rows: `SELECT id, media_id, profile_id, status, now()-update_date AS silent FROM files_encoding WHERE status = \'running\' AND update_date < now() - interval \'15 minutes\'` (the heartbeat is update_date, about every 50 s; progress stays 0).',
      '2. Cross-check: the task_id is missing from `celery -A cms inspect active`, or no ffmpeg has the row\'s temp_file on its command line (`ps -eo pid,etime,args | grep <temp_file>`).',
      '3. Stuck or orphaned rows hold a slot of MAX_ENCODING_QUEUE_DEPTH (50) forever; about 50 of them freeze all new encoding.',
      '4. Requeue: `celery -A cms call check_running_states --queue short_tasks` (beware: it uses timedelta.seconds, so rows stuck a day or more look fresh; it re-chunks long media). Or cancel one: `celery -A cms control revoke <task_id> --terminate`.',
      '5. Passes longer than 1800 s are killed ("No progress for 1800 seconds, likely stuck") because progress never updates: a 4K profile on a short source is the usual trigger.',
    ].join('\n'),
  },
  'encodings-failed': {
    title: 'Debugging failed encodings (FFmpeg)',
    text: [
      '1. Recent failures: `SELECT id, media_id, profile_id, retries, left(logs, 300) FROM files_encoding WHERE status = \'fail\' ORDER BY update_date DESC LIMIT 20`.',
      '2. logs holds the last ~500 characters of ffmpeg stderr. "Invalid data found when processing input", "Output file is empty" and "Unable to find a suitable output format" are not retried: the source is bad.',
      '3. "No space left on device": see `runbook disk`. An empty logs field means SoftTimeLimitExceeded (7200 s) or another exception: look in logs/celery_long.log.',
      '4. logs holding only a timecode like 00:29:58.12 means a safety net killed it (iteration limit or 1800 s without progress).',
      '5. A failure right after a Celery restart is the restart killing ffmpeg (see `runbook celery-restart`).',
      '6. Re-encode one media: POST /api/v1/media/<token> {"type":"encode","encoding_profiles":[id]} with an editor token.',
    ].join('\n'),
  },
  http: {
    title: 'HTTP errors or slow responses (search, listings)',
    text: [
      '1. NGINX error log /var/log/nginx/error.log and uWSGI errorlog.txt; Django errors in /home/cinemata/cinematacms/logs/debug.log (no timestamps).',
      '2. 502/504: uWSGI down or out of workers (`systemctl status mediacms`). 500: an exception in Django.',
      '3. Slow /api/v1/search or /api/v1/media: see `runbook postgres-latency`; the query cache can be checked with `python manage.py manage_query_cache --action stats`.',
      '4. Errors right after a deploy: see `runbook rollback`.',
    ].join('\n'),
  },
  rollback: {
    title: 'Rolling back a deployment',
    text: [
      '1. Look first: `sudo ./rollback.sh --dry-run` prints the target commit, the commits being undone and any migration drift.',
      '2. rollback.sh never runs migrate: reverse migrations by hand with `python manage.py migrate <app> <previous_migration>` (see showmigrations) BEFORE rolling back code that depends on them.',
      '3. Run `sudo ./rollback.sh` and answer y. It checks out the previous SHA (detached HEAD), reinstalls, rebuilds, and restarts celery_long, celery_short, celery_beat, mediacms, celery_whisper and nginx (restarting mediacms kills every uwsgi; restarting the workers kills every encode).',
      '4. Running it twice toggles back to the bad commit: never re-run it after a rollback line in the deploy log.',
      '5. Afterwards the repo is on a detached HEAD: `git checkout <branch>` before the next restart_script.sh.',
      '6. restart_script.sh exits 0 even when not run as root and logs the deploy before build and migrate: read its output, not its exit code.',
    ].join('\n'),
  },
  tls: {
    title: 'TLS certificate expiring',
    text: [
      '1. `echo | openssl s_client -connect <host>:443 -servername <host> 2>/dev/null | openssl x509 -noout -dates`.',
      '2. certbot: `certbot renew --dry-run`, then `certbot renew` and `systemctl reload nginx` (a reload, not a restart).',
      '3. Check the renewal timer: `systemctl list-timers | grep certbot`.',
    ].join('\n'),
  },
  errors: {
    title: 'New error groups',
    text: [
      '1. Django: /home/cinemata/cinematacms/logs/debug.log (ERROR only, no timestamps); uWSGI: errorlog.txt; Celery: logs/celery_*.log.',
      '2. New errors right after a deploy point at the deploy: see `runbook rollback`.',
      '3. Errors in encode_media: see `runbook encodings-failed`.',
    ].join('\n'),
  },
};

export function runbookTopics(): string[] {
  return Object.keys(RUNBOOKS).sort();
}

/** The first `lines` lines of a runbook, for a notification. */
export function runbookExcerpt(text: string, lines = 2, maxChars = 400): string {
  const head = text.split('\n').slice(0, lines).join('\n');
  const cut = head.length > maxChars ? `${head.slice(0, maxChars - 1)}…` : head;
  return text.split('\n').length > lines || cut !== head ? `${cut}\n…` : cut;
}
