import type { BrokerSnapshot, QueueState } from '../../celery/broker-snapshot.js';
import type { Config } from '../../config/load-config.js';
import type { Finding } from '../health/findings.js';
import { formatAge, formatCount, formatWait, levelOf, plural } from './format.js';
import { inspectStep, purgeStep, restartStep } from './runbook.js';

type CeleryConfig = Config['celery'];

/** kombu hands an unacknowledged message back after this long (cms/celery.py `visibility_timeout`). */
const VISIBILITY_TIMEOUT_SECONDS = 86_400;

/** The systemd unit that consumes a queue, from `celery.workers`; undefined when none does (e.g. `celery`). */
export function consumerOf(queue: string, celery: CeleryConfig): string | undefined {
  return Object.entries(celery.workers).find(([, worker]) => worker.queue === queue)?.[0];
}

export function findQueueProblems(snapshot: BrokerSnapshot, queues: readonly QueueState[], celery: CeleryConfig): Finding[] {
  const out: Finding[] = [];
  for (const q of queues) out.push(...findInQueue(q, celery));
  const { unacked } = snapshot;
  if (unacked.oldestAgeSeconds !== null && unacked.oldestAgeSeconds >= VISIBILITY_TIMEOUT_SECONDS) {
    out.push({
      severity: 'warning',
      text: `${plural(unacked.count, 'delivered message')} never acknowledged; the oldest was taken ${formatAge(unacked.oldestAgeSeconds)} ago`,
      hint: 'kombu puts them back after visibility_timeout (1 day): the worker that took them probably died (an ETA task due more than a day ahead also looks like this); check: workers',
    });
  }
  return out;
}

function findInQueue(q: QueueState, celery: CeleryConfig): Finding[] {
  const out: Finding[] = [];
  const unit = consumerOf(q.queue, celery);
  const stalledHint = unit
    ? `is ${unit} up and taking work? see: workers; what it runs: ${inspectStep(unit)}; if it is hung: ${restartStep(unit)}; do not purge it: a purged encode leaves its files_encoding row pending and holding a rate-limit slot`
    : `tasks sent without a queue land here (beat_test, debug_task, \`celery call\` without --queue); see which: queues --queue ${q.queue}; re-send them with --queue, then ${purgeStep(q.queue)}`;

  const depthLevel = levelOf(q.depth, celery.depth) ?? (unit === undefined && q.depth > 0 ? 'warning' : undefined);
  if (depthLevel) {
    const where = unit === undefined ? `, and no worker consumes ${q.queue}` : '';
    out.push({ severity: depthLevel, text: `${q.queue}: ${plural(q.depth, 'message')} waiting${where}`, hint: stalledHint });
  }

  const first = q.lists.find((l) => l.depth > 0);
  const oldest = q.oldest;
  const waitLevel = levelOf(oldest?.ageSeconds, celery.oldestWaitSeconds);
  if (oldest && waitLevel) {
    const behind = q.lists.filter((l) => l.step < oldest.step).reduce((n, l) => n + l.depth, 0);
    out.push({
      severity: waitLevel,
      text: `${q.queue}: the oldest message has waited ${formatWait(oldest.ageSeconds, oldest.atLeast)} (${oldest.task}, priority ${oldest.step})`,
      hint:
        behind > 0
          ? `it sits behind ${formatCount(behind)} messages of higher priority: Redis serves priority 0 first, and CinemataCMS sends 240p/360p encodes with priority 9, so they run last; ${stalledHint}`
          : stalledHint,
    });
  }

  const low = q.lists.filter((l) => l.step > 0 && l.depth > 0);
  if (first?.step === 0 && low.length > 0) {
    const waiting = low.reduce((n, l) => n + l.depth, 0);
    out.push({
      severity: 'info',
      text: `${q.queue}: ${plural(waiting, 'message')} at priority ${low.map((l) => l.step).join('/')} wait behind ${formatCount(first.depth)} at priority 0`,
      hint: 'lower priorities run only when priority 0 is empty (CinemataCMS gives 240p/360p encodes priority 9): expected, unless they wait too long',
    });
  }

  const { unreadable } = q.sample;
  if (unreadable.sampled > 0) {
    out.push({
      severity: 'warning',
      text: `${q.queue}: ${unreadable.sampled} of ${q.sample.read} messages read are not Celery messages (${unreadable.reasons.join('; ')})`,
      hint: `something other than Celery wrote to this list, or a message is corrupt; a worker that takes one logs an error and drops it; look read-only: redis-cli -n <db> LRANGE ${q.queue} -5 -1`,
    });
  }
  return out;
}
