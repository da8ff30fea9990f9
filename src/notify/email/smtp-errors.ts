import type { NodemailerError } from 'nodemailer';
import { describeError } from '../../errors.js';
import type { DeliveryResult } from '../outbox-worker.js';

/** SMTP commands whose 5xx reply rejects this message or recipient for good (RFC 5321 §4.2.1). */
const MESSAGE_CODES = new Set(['EENVELOPE', 'EMESSAGE']);

/**
 * Whether a failed send is worth retrying. Retryable: no connection, timeouts, TLS trouble, any 4xx (421 "try
 * later", 451, 452), and failed logins (a password fixed tomorrow should still deliver today's page). Permanent:
 * a 5xx that refuses the recipient, sender or message itself (550 no such user, 552, 554 at DATA), since the same
 * message would be refused again.
 */
export function classifySmtpError(error: unknown): Extract<DeliveryResult, { ok: false }> {
  const e = (error ?? {}) as NodemailerError;
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const permanent = e.permanent ?? (code !== undefined && code >= 500 && code !== 503);
  const rejectsMessage = MESSAGE_CODES.has(e.code ?? '') || (e.command !== undefined && /^(RCPT|MAIL|DATA)/i.test(e.command));
  const after = e.command ? ` after ${e.command.split(' ')[0]}` : '';
  const message = code === undefined ? `SMTP ${e.code ?? 'error'}: ${describeError(error)}` : `SMTP ${code}${after}: ${e.response ?? describeError(error)}`;
  return { ok: false, retryable: !(permanent && rejectsMessage), error: message };
}
