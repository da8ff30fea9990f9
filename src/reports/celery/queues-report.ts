import type { BrokerSnapshot, QueueState } from '../../celery/broker-snapshot.js';
import { showKey } from '../../celery/kombu-keys.js';
import type { Config } from '../../config/load-config.js';
import type { Finding } from '../health/findings.js';
import { SEVERITY_RANK, worstSeverity, type Report, type Section, type Severity, type TableRow } from '../report.js';
import { findingsSection, summarise } from './findings-section.js';
import { formatAgo, formatCount, formatWait, levelOf, plural } from './format.js';
import { consumerOf, findQueueProblems } from './queue-findings.js';

export interface QueuesInput {
  snapshot: BrokerSnapshot;
  celery: Config['celery'];
  /** Only this queue (`queues --queue NAME`); it is a configured queue. */
  queue?: string | undefined;
  now: number;
}

/** `queues`: every watched queue with depth per priority, oldest wait, next to run and a sampled task breakdown. */
export function buildQueuesReport(input: QueuesInput): Report {
  const { snapshot, celery, now } = input;
  const queues = input.queue === undefined ? snapshot.queues : snapshot.queues.filter((q) => q.queue === input.queue);
  const findings: Finding[] = findQueueProblems(snapshot, queues, celery).sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  const sections: Section[] = [];
  if (findings.length > 0) sections.push(findingsSection(findings));
  sections.push(queuesTable(queues, celery));
  sections.push(unackedSection(snapshot, now));
  for (const q of queues) if (q.depth > 0) sections.push(breakdownSection(q));

  const waiting = queues.reduce((n, q) => n + q.depth, 0);
  const keys = (queues[0]?.lists ?? []).map((l) => showKey(l.key)).join(', ');
  return {
    title: input.queue === undefined ? 'Celery queues' : `Celery queue ${input.queue}`,
    severity: worstSeverity(findings.map((f) => f.severity)),
    summary: summarise(findings, `${formatCount(waiting)} waiting in ${queues.length === 1 ? queues[0]?.queue : `${queues.length} queues`}, ${formatCount(snapshot.unacked.count)} delivered and not acknowledged.`),
    sections,
    actions: [
      { id: 'workers', label: 'Workers', command: 'workers' },
      { id: 'tasks', label: 'Tasks (24h)', command: 'tasks' },
    ],
    footnotes: [
      `Depth is the sum over kombu's priority lists (${keys}, and so on for each queue); priority 0 is served first, so CinemataCMS's 240p/360p encodes (priority 9) run last.`,
      'Waits come from the enqueued_at header, which CinemataCMS sets on encode_media only; ≥ marks a lower bound.',
      `Read ${formatAgo(snapshot.collectedAt, now)} from ${snapshot.target} with ${snapshot.commands} read-only commands on named keys; thresholds: depth ${celery.depth.warning}/${celery.depth.critical}, wait ${celery.oldestWaitSeconds.warning}/${celery.oldestWaitSeconds.critical} s (warning/critical).`,
    ],
    generatedAt: now,
  };
}

function queueSeverity(q: QueueState, celery: Config['celery']): Severity {
  return worstSeverity([levelOf(q.depth, celery.depth), levelOf(q.oldest?.ageSeconds, celery.oldestWaitSeconds)]);
}

function queuesTable(queues: readonly QueueState[], celery: Config['celery']): Section {
  const rows: TableRow[] = queues.map((q) => ({
    cells: [
      q.queue,
      formatCount(q.depth),
      q.lists.filter((l) => l.depth > 0).map((l) => `p${l.step} ${formatCount(l.depth)}`).join(' · ') || '—',
      q.depth === 0 ? '—' : q.oldest ? formatWait(q.oldest.ageSeconds, q.oldest.atLeast) : 'n/a',
      describeNext(q),
      q.sample.eta.estimated > 0 ? `${q.sample.complete ? '' : '~'}${formatCount(q.sample.eta.estimated)}` : '—',
      consumerOf(q.queue, celery) ?? 'nobody',
    ],
    severity: queueSeverity(q, celery),
  }));
  return {
    title: 'Queues',
    blocks: [
      {
        kind: 'table',
        columns: [
          { label: 'queue' },
          { label: 'waiting', align: 'right' },
          { label: 'by priority' },
          { label: 'oldest wait', align: 'right' },
          { label: 'next to run' },
          { label: 'ETA', align: 'right' },
          { label: 'consumed by' },
        ],
        rows,
      },
    ],
  };
}

function describeNext(q: QueueState): string {
  if (q.next === null) return '—';
  if (!q.next.readable) return `unreadable message (p${q.next.step})`;
  return `${q.next.task} (p${q.next.step}${q.next.eta !== null ? ', ETA' : ''})`;
}

function unackedSection(snapshot: BrokerSnapshot, now: number): Section {
  const { unacked } = snapshot;
  return {
    title: 'Delivered, not acknowledged',
    blocks: [
      {
        kind: 'fields',
        fields: [
          { label: 'messages', value: formatCount(unacked.count) },
          { label: 'oldest taken', value: unacked.oldestDeliveredAt === null ? '—' : formatAgo(unacked.oldestDeliveredAt, now) },
        ],
      },
      { kind: 'text', text: 'Prefetched messages and ETA tasks a worker holds until due (kombu\'s unacked hash, all queues).' },
    ],
  };
}

function breakdownSection(q: QueueState): Section {
  const { sample } = q;
  const rows: TableRow[] = sample.tasks.slice(0, 10).map((t) => ({
    cells: [t.task, formatCount(t.sampled), `${sample.complete ? '' : '~'}${formatCount(t.estimated)}`, `${Math.round(t.share * 100)}%`],
  }));
  if (sample.unreadable.sampled > 0) {
    rows.push({ cells: ['(unreadable)', formatCount(sample.unreadable.sampled), `${sample.complete ? '' : '~'}${formatCount(sample.unreadable.estimated)}`, ''], severity: 'warning' });
  }
  const caption = sample.complete
    ? `every waiting message read (${formatCount(q.depth)})`
    : `a sample of ${formatCount(sample.read)} of ${formatCount(q.depth)} messages (both ends of each priority list), scaled per list: ~ marks estimates`;
  const etaNote = sample.eta.sampled > 0 ? `; ${plural(sample.eta.sampled, 'message')} read wait for an ETA/countdown` : '';
  return {
    title: `${q.queue}: what is waiting`,
    blocks: [
      {
        kind: 'table',
        columns: [{ label: 'task' }, { label: 'read', align: 'right' }, { label: 'in queue', align: 'right' }, { label: 'share', align: 'right' }],
        rows,
        caption: caption + etaNote,
      },
    ],
  };
}
