/** What the bot reads from one message waiting in a kombu list (Celery task protocol 2). */
export interface WaitingMessage {
  task: string;
  id: string | null;
  /** CinemataCMS's `enqueued_at` header (files/models.py), in epoch ms; null when the sender did not set it. */
  enqueuedAt: number | null;
  /** `headers.eta` (countdown or eta), in epoch ms; null for a message that may run at once. */
  eta: number | null;
  priority: number | null;
  retries: number;
}

/** A list entry that is not a Celery message: kept apart, counted, never a crash. */
export interface UnreadableMessage {
  unreadable: true;
  reason: string;
}

type Envelope = { headers?: Record<string, unknown>; properties?: Record<string, unknown> };

/**
 * Reads the envelope kombu LPUSHes: `{"body": …, "headers": {"task", "id", "eta", "enqueued_at", …},
 * "properties": {"priority", …}}`. The body (base64 args) is never decoded: the headers say all the bot needs, and
 * args may hold user data.
 */
export function parseWaitingMessage(raw: string): WaitingMessage | UnreadableMessage {
  let envelope: unknown;
  try {
    envelope = JSON.parse(raw);
  } catch {
    return { unreadable: true, reason: 'not JSON' };
  }
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) return { unreadable: true, reason: 'not a kombu envelope' };
  const { headers, properties } = envelope as Envelope;
  if (typeof headers !== 'object' || headers === null || typeof headers.task !== 'string' || headers.task === '') {
    // Celery task protocol 1 put the task name in the body; CinemataCMS's Celery 5 always sends protocol 2.
    return { unreadable: true, reason: 'no headers.task: not a Celery protocol 2 message' };
  }
  return {
    task: headers.task,
    id: typeof headers.id === 'string' ? headers.id : null,
    enqueuedAt: typeof headers.enqueued_at === 'number' && Number.isFinite(headers.enqueued_at) ? headers.enqueued_at * 1000 : null,
    eta: parseEta(headers.eta),
    priority: typeof properties?.priority === 'number' ? properties.priority : null,
    retries: typeof headers.retries === 'number' ? headers.retries : 0,
  };
}

export function isUnreadable(message: WaitingMessage | UnreadableMessage): message is UnreadableMessage {
  return 'unreadable' in message;
}

/** Celery writes ISO 8601 with an offset ("2026-12-04T20:32:11.565353+00:00"); microseconds are dropped. */
function parseEta(value: unknown): number | null {
  if (typeof value !== 'string' || value === '') return null;
  const ms = Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isFinite(ms) ? ms : null;
}
