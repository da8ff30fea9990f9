import { describeError } from '../../errors.js';
import type { DeliveryResult } from '../../notify/outbox-worker.js';

/** Slack answers these when nothing will change on a retry: a wrong channel, a revoked token, a bad payload. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'invalid_blocks',
  'invalid_attachments',
  'msg_too_long',
  'msg_blocks_too_long',
  'too_many_attachments',
  'invalid_arguments',
  'restricted_action',
  'message_not_found',
  'cant_update_message',
]);

interface SlackErrorShape {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
}

export type SlackFailure = Extract<DeliveryResult, { ok: false }>;

/**
 * What a failed Web API call means for the outbox: a 429 is retryable after its Retry-After, a 5xx or a network
 * error is retryable with backoff, and a platform error is permanent when retrying cannot help (see PERMANENT).
 */
export function classifySlackError(error: unknown): SlackFailure {
  const e = (error ?? {}) as SlackErrorShape;
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      return { ok: false, retryable: true, error: `rate limited by Slack (Retry-After ${e.retryAfter ?? '?'} s)`, retryAfterMs: (e.retryAfter ?? 1) * 1000 };
    case 'slack_webapi_http_error':
      return { ok: false, retryable: (e.statusCode ?? 500) >= 500 || e.statusCode === 408, error: `Slack answered HTTP ${e.statusCode ?? '?'}` };
    case 'slack_webapi_request_error':
      return { ok: false, retryable: true, error: `cannot reach Slack: ${describeError(error)}` };
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown_error';
      if (code === 'ratelimited') return { ok: false, retryable: true, error: 'rate limited by Slack', retryAfterMs: 1000 };
      return { ok: false, retryable: !PERMANENT.has(code), error: `Slack refused it: ${code}` };
    }
    default:
      return { ok: false, retryable: true, error: describeError(error) };
  }
}

