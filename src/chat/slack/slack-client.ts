import { LogLevel, webApi, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from 'pino';

export type SlackWebClient = InstanceType<typeof webApi.WebClient>;

export interface SlackClientOptions {
  /** Default `https://slack.com/api/`; tests point it at a fake server on loopback. */
  apiUrl?: string | undefined;
  log: Logger;
}

/**
 * The Web API client every Slack call goes through. A 429 is rejected at once (not waited out inside the
 * client, which would hold the outbox for minutes): the caller pauses that channel for Retry-After and the
 * persisted outbox retries. A 5xx or a dropped connection is retried twice within about a second, then it is
 * the outbox's turn, with its own backoff.
 */
export function createSlackWebClient(token: string, options: SlackClientOptions): SlackWebClient {
  return new webApi.WebClient(token, {
    ...(options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl }),
    logger: toSlackLogger(options.log.child({ component: 'slack-sdk' })),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 800, randomize: false },
    timeout: 10_000,
  });
}

/** Slack's SDK logger interface on top of pino, so the SDK's lines carry our redaction and format. */
export function toSlackLogger(log: Logger): SlackLogger {
  let level: LogLevel = LogLevel.INFO;
  const join = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg) => log.debug(join(msg)),
    info: (...msg) => log.debug(join(msg)),
    warn: (...msg) => log.warn(join(msg)),
    error: (...msg) => log.error(join(msg)),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}
