import type { SlackMessage } from '../../render/slack/block-kit.js';

/** Slack: "respond to a user's command up to 5 times within 30 minutes". */
export const RESPONSE_URL_USES = 5;

export type Visibility = 'ephemeral' | 'in_channel';

export interface ResponseUrlOptions {
  /** Edit the message this response_url belongs to (the "working…" reply, or the clicked message). */
  replaceOriginal?: boolean | undefined;
}

type ResponseBody = Record<string, unknown>;

/** One command's or one click's response_url, counting its uses. */
export interface ResponseUrl {
  post(message: SlackMessage, visibility: Visibility, options?: ResponseUrlOptions): Promise<void>;
  /** Deletes the message this response_url last posted (an in-channel "working…" before an ephemeral error). */
  deleteOriginal(): Promise<void>;
  /** Uses left of the five. */
  remaining(): number;
}

export class ResponseUrlError extends Error {
  override name = 'ResponseUrlError' as const;
  /** The HTTP status, when Slack answered at all. */
  readonly status: number | undefined;
  constructor(message: string, status: number | undefined) {
    super(message);
    this.status = status;
  }
}

/**
 * Posts to a response_url with fetch. A 5xx or a dropped connection is tried once more after a short pause;
 * anything else (404: expired, used up) is thrown as ResponseUrlError for the caller to fall back.
 */
export function createResponseUrl(url: string, fetchFn: typeof fetch = fetch): ResponseUrl {
  let used = 0;
  async function send(payload: ResponseBody): Promise<void> {
    if (used >= RESPONSE_URL_USES) throw new ResponseUrlError('response_url used up (5 uses)', undefined);
    used++;
    const body = JSON.stringify(payload);
    let lastError: ResponseUrlError | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 300));
      try {
        const response = await fetchFn(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
        if (response.ok) return;
        lastError = new ResponseUrlError(`response_url answered HTTP ${response.status}`, response.status);
        if (response.status < 500) break;
      } catch (error) {
        lastError = new ResponseUrlError(`cannot reach the response_url: ${error instanceof Error ? error.message : String(error)}`, undefined);
      }
    }
    throw lastError ?? new ResponseUrlError('response_url failed', undefined);
  }
  return {
    remaining: () => RESPONSE_URL_USES - used,
    deleteOriginal: () => send({ delete_original: true }),
    post(message, visibility, options = {}) {
      return send({
        response_type: visibility,
        replace_original: options.replaceOriginal === true,
        text: message.text,
        blocks: message.blocks,
        ...(message.attachments === undefined ? {} : { attachments: message.attachments }),
      });
    },
  };
}
