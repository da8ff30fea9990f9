import { classifyFailure } from '../../encodings/classify-failure.js';
import type { EncodingRecord, MediaRecord } from '../../encodings/queries/encoding-lookup.js';
import { failedEncodingSteps, pendingEncodingSteps, stuckEncodingSteps } from '../../encodings/runbook.js';
import { parseSizeString } from '../../encodings/size-string.js';
import { worstSeverity, type Report, type Section, type Severity } from '../report.js';
import { formatAge, formatAgo, formatDecimalBytes, formatLogTail } from './format.js';

export interface EncodingDetailInput {
  media: MediaRecord;
  encodings: EncodingRecord[];
  /** All encodings of the media (more than shown when it has many chunk rows). */
  total: number;
  /** Set when one encoding was asked for by id. */
  encodingId?: number | undefined;
  now: number;
  staleHeartbeatMs: number;
}

/** How many failed rows get their own section with the log tail. */
const FAILED_SHOWN = 3;

function isStuck(e: EncodingRecord, input: EncodingDetailInput): boolean {
  return e.status === 'running' && input.now - e.updatedAt > input.staleHeartbeatMs;
}

function rowSeverity(e: EncodingRecord, input: EncodingDetailInput): Severity {
  if (e.status === 'fail') return 'warning';
  return isStuck(e, input) ? 'warning' : 'ok';
}

function sizeText(text: string | null): string {
  const bytes = parseSizeString(text);
  if (bytes === null) return text ? `unreadable ("${text}")` : 'unknown';
  return formatDecimalBytes(bytes);
}

function heartbeat(e: EncodingRecord, input: EncodingDetailInput): string {
  if (e.status === 'running') return `${formatAgo(input.now, e.updatedAt)}${isStuck(e, input) ? ' (stuck)' : ''}`;
  if (e.status === 'pending') return `queued ${formatAgo(input.now, e.addedAt)}`;
  return `finished ${formatAgo(input.now, e.updatedAt)}`;
}

function failedSection(e: EncodingRecord, media: MediaRecord): Section {
  const cls = classifyFailure(e.logs);
  return {
    title: `Encoding ${e.id} (${e.profile.name}) failed: ${cls.title}`,
    severity: 'warning',
    blocks: [
      { kind: 'fields', fields: [{ label: 'what happened', value: cls.explanation }, { label: 'fix', value: cls.fix }, { label: 'origin', value: cls.origin }] },
      { kind: 'text', text: 'The log tail CinemataCMS kept (files_encoding.logs):' },
      { kind: 'code', text: formatLogTail(e.logs) },
      { kind: 'text', text: 'Next steps, in order:' },
      { kind: 'list', items: failedEncodingSteps(e, media).map((text) => ({ text })) },
    ],
  };
}

/** `encoding <id|token>`: one encoding, or every encoding of a media, with the classified failure and next steps. */
export function buildEncodingDetailReport(input: EncodingDetailInput): Report {
  const { media, encodings, now } = input;
  const misleading = media.encodingStatus === 'fail' && encodings.some((e) => e.profile.extension === 'mp4' && (e.status === 'pending' || e.status === 'running'));
  const sections: Section[] = [
    {
      title: 'Media',
      blocks: [
        {
          kind: 'fields',
          fields: [
            { label: 'media', value: `${media.friendlyToken}: ${media.title}` },
            { label: 'encoding_status', value: misleading ? 'fail (not yet: mp4 encodes are still pending or running)' : media.encodingStatus, severity: misleading ? 'info' : undefined },
            { label: 'duration', value: formatAge(media.duration) },
            { label: 'original size', value: sizeText(media.size) },
            { label: 'type', value: media.mediaType || '(none: the probe failed)' },
          ],
        },
      ],
    },
    {
      title: input.encodingId === undefined ? `Encodings (${input.total})` : `Encoding ${input.encodingId}`,
      blocks: [
        encodings.length === 0
          ? { kind: 'text', text: 'This media has no encoding rows: nothing was queued, or they were deleted.' }
          : {
              kind: 'table',
              columns: [
                { label: 'id', align: 'right' },
                { label: 'profile' },
                { label: 'chunk' },
                { label: 'status' },
                { label: 'attempt', align: 'right' },
                { label: 'heartbeat' },
                { label: 'run time', align: 'right' },
                { label: 'size', align: 'right' },
                { label: 'cause' },
              ],
              rows: encodings.map((e) => ({
                cells: [
                  String(e.id),
                  e.profile.name,
                  e.chunk ? 'yes' : 'no',
                  e.status === 'pending' && !e.taskDispatched ? 'pending (deferred)' : e.status,
                  String(e.retries + 1),
                  heartbeat(e, input),
                  e.totalRunTime > 0 ? formatAge(e.totalRunTime) : 'n/a',
                  e.status === 'success' ? sizeText(e.size) : '',
                  e.status === 'fail' ? classifyFailure(e.logs).title : '',
                ],
                severity: rowSeverity(e, input),
              })),
              caption: input.total > encodings.length ? `${input.total - encodings.length} more not shown` : undefined,
            },
      ],
    },
  ];
  const failed = encodings.filter((e) => e.status === 'fail').sort((a, b) => b.updatedAt - a.updatedAt);
  for (const e of failed.slice(0, FAILED_SHOWN)) sections.push(failedSection(e, media));
  for (const e of encodings.filter((x) => isStuck(x, input)).slice(0, FAILED_SHOWN)) {
    sections.push({ title: `Encoding ${e.id} (${e.profile.name}) is stuck`, severity: 'warning', blocks: [{ kind: 'list', items: stuckEncodingSteps(e, now).map((text) => ({ text })) }] });
  }
  if (input.encodingId !== undefined && encodings[0]?.status === 'pending') {
    sections.push({ title: 'Waiting', blocks: [{ kind: 'list', items: pendingEncodingSteps(encodings[0]).map((text) => ({ text })) }] });
  }
  const severities = encodings.map((e) => rowSeverity(e, input));
  const first = failed[0];
  const summary = first
    ? `${failed.length} failed, latest: encoding ${first.id} (${first.profile.name}): ${classifyFailure(first.logs).title}`
    : `${encodings.filter((e) => e.status === 'success').length} of ${encodings.length} shown succeeded`;
  return {
    title: input.encodingId === undefined ? `Encodings of ${media.friendlyToken}` : `Encoding ${input.encodingId} of ${media.friendlyToken}`,
    severity: worstSeverity([...severities, misleading ? 'info' : 'ok']),
    summary,
    sections,
    footnotes: ['attempt 2 is CinemataCMS\'s one automatic retry; run time counts from the row\'s creation, so it includes time queued.'],
    generatedAt: now,
  };
}
