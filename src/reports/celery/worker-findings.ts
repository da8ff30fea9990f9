import { basename } from 'node:path';
import type { QueueState } from '../../celery/broker-snapshot.js';
import type { LogFileState } from '../../celery/log-tail.js';
import type { Config } from '../../config/load-config.js';
import { formatDuration } from '../../config/duration.js';
import type { UnitStatus } from '../../probes/systemctl.js';
import type { Finding } from '../health/findings.js';
import { formatAge, formatCount, formatWait, levelOf } from './format.js';
import { inspectStep, restartStep } from './runbook.js';

/** One worker or beat as the report sees it: systemd, its log, and (workers only) its queue. */
export interface WorkerView {
  unit: string;
  /** null for beat. */
  queue: string | null;
  status: UnitStatus | null;
  log: LogFileState | null;
  /** The consumed queue's state; null when the broker could not be read. */
  queueState: QueueState | null;
}

export function findWorkerProblems(view: WorkerView, config: Config, now: number): Finding[] {
  const out: Finding[] = [...findUnitProblems(view, config.thresholds.serviceRestarts, now)];
  const { unit, log } = view;
  if (log?.error) out.push({ severity: 'warning', text: log.error, hint: "give the bot's user read access to the Celery logs (e.g. add it to the www-data group)" });
  if (log?.writesRotatedFile) {
    out.push({
      severity: 'warning',
      text: `${unit} still writes ${basename(log.path)}.1 after the log was rotated`,
      hint: `logrotate has no copytruncate, so the process keeps the old file; restart needed to write the live log: ${restartStep(unit)}`,
    });
  }
  const running = view.status === null || view.status.state === 'active' || view.status.state === 'unknown';
  if (!running) return out;
  if (view.queue === null) out.push(...findBeatProblems(view, config.celery.beatStaleAfter, now));
  else out.push(...findSilentWorker(view, config.celery.oldestWaitSeconds, now));
  return out;
}

function findUnitProblems(view: WorkerView, restartsPair: { warning: number; critical: number }, now: number): Finding[] {
  const u = view.status;
  if (u === null) return [];
  const out: Finding[] = [];
  const since = u.since === null ? '' : ` for ${formatAge((now - u.since) / 1000)}`;
  const what = view.queue === null ? 'scheduled jobs (the encoding drain every 60 s, visibility schedules) do not run' : `nothing consumes ${view.queue}`;
  if (u.state === 'failed') out.push({ severity: 'critical', text: `${view.unit} has failed${since}: ${what}`, hint: `why: journalctl -u ${view.unit} -n 50; then ${restartStep(view.unit)}` });
  else if (u.state === 'inactive' || u.state === 'deactivating') out.push({ severity: 'critical', text: `${view.unit} is ${u.state}${since}: ${what}`, hint: restartStep(view.unit) });
  else if (u.state === 'activating' && u.subState === 'auto-restart') out.push({ severity: 'critical', text: `${view.unit} is crash-looping (auto-restart): ${what}`, hint: `journalctl -u ${view.unit} -n 50 shows why it exits` });
  else if (u.state === 'not-found') out.push({ severity: 'warning', text: `${view.unit} is not installed on this host`, hint: 'remove it from celery.workers in cinemata-ops.yaml if it runs elsewhere' });
  const restarts = levelOf(u.restarts, restartsPair);
  if (restarts) out.push({ severity: restarts, text: `${view.unit} restarted ${u.restarts} times`, hint: `it keeps crashing: journalctl -u ${view.unit} --since -1h` });
  return out;
}

function findBeatProblems(view: WorkerView, staleAfterMs: number, now: number): Finding[] {
  const { log, unit } = view;
  if (log === null || log.error) return [];
  const restart = `scheduled jobs are not running: deferred encodings are not dispatched (dispatch_deferred_encodings, every 60 s) and visibility schedules are not applied; ${restartStep(unit)}`;
  if (!log.exists) return [{ severity: 'warning', text: `beat's log ${log.path} does not exist`, hint: 'check celery.logDir and celery.beatLog in cinemata-ops.yaml (CinemataCMS writes logs/beatcelery_beat.log)' }];
  if (log.lastDueTask === null) return [{ severity: 'critical', text: `${unit} has sent no due task recently: no "Sending due task" line at the end of ${basename(log.path)}`, hint: restart }];
  const age = now - log.lastDueTask.at;
  if (age < staleAfterMs) return [];
  return [{ severity: 'critical', text: `${unit} has not sent a due task for ${formatAge(age / 1000)} (limit ${formatDuration(staleAfterMs)}; last: ${log.lastDueTask.entry})`, hint: restart }];
}

function findSilentWorker(view: WorkerView, pair: { warning: number; critical: number }, now: number): Finding[] {
  const { log, queueState: q } = view;
  if (q === null || q.depth === 0 || log?.lastLineAt === null || log?.lastLineAt === undefined) return [];
  const silentSeconds = (now - log.lastLineAt) / 1000;
  const level = levelOf(silentSeconds, pair);
  if (!level) return [];
  const oldest = q.oldest ? `, oldest ${formatWait(q.oldest.ageSeconds, q.oldest.atLeast)}` : '';
  return [
    {
      severity: level,
      text: `${view.unit} may be hung: ${formatCount(q.depth)} waiting in ${q.queue}${oldest}, and its log has been silent for ${formatAge(silentSeconds)}`,
      hint: `see what it runs: ${inspectStep(view.unit)}; if it is stuck: ${restartStep(view.unit)}`,
    },
  ];
}
