import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/** Paths pino censors wherever they appear in a log line: tokens, secrets, passwords and connection URLs. */
export const REDACT_PATHS = [
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.password',
  '*.pass',
  '*.secret',
  '*.authorization',
  '*.headers.authorization',
  '*.SLACK_BOT_TOKEN',
  '*.SLACK_APP_TOKEN',
  '*.SLACK_SIGNING_SECRET',
  '*.DISCORD_BOT_TOKEN',
  '*.CINEMATA_DATABASE_URL',
  '*.CINEMATA_REDIS_URL',
  '*.SMTP_URL',
  '*.CINEMATA_OPS_ACK_SECRET',
];

export interface LogOptions {
  level: string;
  /** `pretty` for people at a terminal, `json` for journald and log shippers. */
  format: 'json' | 'pretty';
  /** A file path, or `stdout` / `stderr`. */
  destination: string;
}

export function createLogger(options: LogOptions): Logger {
  const redact = { paths: REDACT_PATHS, censor: '[redacted]' };
  const fd = options.destination === 'stdout' ? 1 : options.destination === 'stderr' ? 2 : undefined;
  if (options.format === 'pretty') {
    const transport = pino.transport({
      target: 'pino-pretty',
      options: { destination: fd ?? options.destination, mkdir: true, colorize: fd !== undefined, sync: true },
    });
    return pino({ level: options.level, redact }, transport);
  }
  const stream = pino.destination({ dest: fd ?? options.destination, mkdir: true, sync: true });
  return pino({ level: options.level, redact }, stream);
}

/** A logger that drops everything, for tests and for tools that must stay quiet. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
