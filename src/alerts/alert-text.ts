import { formatDuration } from '../config/duration.js';
import type { AckRecord, AlertRecord, SilenceRecord } from '../store/store.js';
import { shortId } from './fingerprint.js';
import { silenceFor } from './silences.js';

/** `12m ago`, or `just now` under a second. */
export function ago(ms: number): string {
  return ms < 1_000 ? 'just now' : `${formatDuration(ms)} ago`;
}

/** `2026-12-04 09:12 UTC (12m ago)`: when it fired (or started pending, or resolved). */
export function sinceText(alert: AlertRecord, now: number): string {
  const from = alert.status === 'resolved' ? (alert.resolvedAt ?? alert.updatedAt) : (alert.firedAt ?? alert.startsAt);
  const at = new Date(from).toISOString().replace('T', ' ').slice(0, 16);
  return `${at} UTC (${ago(now - from)})`;
}

/** The command a "Silence 1h" button runs. */
export function silenceCommand(target: string): string {
  return `silence ${target} 1h "silenced from the alert notification"`;
}

/**
 * What is happening to the alert's notifications: acknowledged, silenced (checked against the live silences, so a
 * silence set a moment ago shows at once), inhibited, flapping. Empty when none.
 */
export function alertNotes(alert: AlertRecord, acks: ReadonlyMap<string, AckRecord>, silences: readonly SilenceRecord[], now: number): string {
  const notes: string[] = [];
  const ack = acks.get(alert.fingerprint);
  if (ack !== undefined) notes.push(`acked by ${ack.by} ${ago(now - ack.at)}`);
  const silence = silenceFor(alert, silences);
  if (silence !== undefined) notes.push(`silenced (${silence.id}, ${formatDuration(Math.max(0, silence.endsAt - now))} left)`);
  else if (alert.mutedBy?.startsWith('inhibited:')) notes.push(`inhibited by ${shortId(alert.mutedBy.slice('inhibited:'.length))}`);
  if (alert.flapping) notes.push('flapping: notifications held');
  return notes.join('; ');
}
