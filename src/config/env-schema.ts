import { z } from 'zod';

/** Empty strings in `.env` files mean "not set", as people write `SLACK_BOT_TOKEN=` to switch a platform off. */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
}

function urlWithScheme(schemes: string[], example: string) {
  return z.string().refine(
    (text) => {
      try {
        return schemes.includes(new URL(text).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { message: `expected a URL like ${example}` },
  );
}

/**
 * The environment: secrets, URLs and where the bot keeps its files. Everything else lives in the YAML file.
 * Every variable here is listed with a comment in `.env.example`.
 */
export const envSchema = z.object({
  CINEMATA_OPS_CONFIG: optional(z.string()),
  CINEMATA_OPS_DB: optional(z.string()).default('data/cinemata-ops.sqlite'),
  CINEMATA_OPS_LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).default(
    'info',
  ),
  CINEMATA_OPS_LOG_FORMAT: optional(z.enum(['auto', 'json', 'pretty'])).default('auto'),
  CINEMATA_OPS_LOG_FILE: optional(z.string()).default('data/cinemata-ops.log'),
  CINEMATA_OPS_HTTP_HOST: optional(z.string()).default('127.0.0.1'),
  CINEMATA_OPS_HTTP_PORT: optional(z.coerce.number().int().min(0).max(65535)).default(9797),
  CINEMATA_OPS_INSTANCE: optional(z.string().regex(/^[\w.@:-]+$/, 'letters, digits and . _ @ : - only')),
  CINEMATA_OPS_PUBLIC_URL: optional(urlWithScheme(['http', 'https'], 'https://ops.example.org')),
  CINEMATA_OPS_ACK_SECRET: optional(z.string().min(32, 'use at least 32 random characters (openssl rand -hex 32)')),

  SLACK_BOT_TOKEN: optional(z.string().startsWith('xoxb-', 'a Slack bot token starts with xoxb-')),
  SLACK_SIGNING_SECRET: optional(z.string().regex(/^[0-9a-f]{32}$/i, 'a Slack signing secret is 32 hex characters')),
  SLACK_APP_TOKEN: optional(z.string().startsWith('xapp-', 'a Slack app-level token starts with xapp-')),
  DISCORD_BOT_TOKEN: optional(z.string().min(50, 'this is too short to be a Discord bot token')),
  DISCORD_PUBLIC_KEY: optional(z.string().regex(/^[0-9a-f]{64}$/i, 'a Discord public key is 64 hex characters (General Information → Public Key)')),
  DISCORD_API_BASE: optional(urlWithScheme(['http', 'https'], 'https://discord.com/api')),
  DISCORD_APPLICATION_ID: optional(z.string().regex(/^\d{17,20}$/, 'a Discord application id is 17–20 digits')),

  CINEMATA_DATABASE_URL: optional(urlWithScheme(['postgres', 'postgresql'], 'postgres://user@127.0.0.1:5432/cinemata')),
  CINEMATA_REDIS_URL: optional(urlWithScheme(['redis', 'rediss', 'unix'], 'redis://127.0.0.1:6379/1')),
  CINEMATA_URL: optional(urlWithScheme(['http', 'https'], 'https://cinemata.org')),
  SMTP_URL: optional(urlWithScheme(['smtp', 'smtps'], 'smtp://user:pass@mail.example.org:587')),
  ALERT_EMAIL_FROM: optional(z.email('expected an email address like ops-bot@example.org')),
}).superRefine((env, ctx) => {
  // Half a setting fails later and quietly (no sender, links nobody can check): say so at start instead.
  if (env.SLACK_BOT_TOKEN !== undefined && env.SLACK_APP_TOKEN === undefined && env.SLACK_SIGNING_SECRET === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['SLACK_APP_TOKEN'],
      message: 'a Slack bot token needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)',
    });
  }
  if (env.SMTP_URL !== undefined && env.ALERT_EMAIL_FROM === undefined) {
    ctx.addIssue({ code: 'custom', path: ['ALERT_EMAIL_FROM'], message: 'required when SMTP_URL is set: the sender of alert emails' });
  }
  if ((env.CINEMATA_OPS_PUBLIC_URL === undefined) !== (env.CINEMATA_OPS_ACK_SECRET === undefined)) {
    const missing = env.CINEMATA_OPS_PUBLIC_URL === undefined ? 'CINEMATA_OPS_PUBLIC_URL' : 'CINEMATA_OPS_ACK_SECRET';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'acknowledge links need both CINEMATA_OPS_PUBLIC_URL and CINEMATA_OPS_ACK_SECRET' });
  }
});

export type EnvConfig = z.output<typeof envSchema>;

/** Variables whose values never appear in output: shown as `[redacted]`, or with the password masked for URLs. */
export const SECRET_ENV_KEYS = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'DISCORD_BOT_TOKEN',
  'CINEMATA_OPS_ACK_SECRET',
] as const satisfies ReadonlyArray<keyof EnvConfig>;

export const URL_ENV_KEYS = [
  'CINEMATA_DATABASE_URL',
  'CINEMATA_REDIS_URL',
  'SMTP_URL',
] as const satisfies ReadonlyArray<keyof EnvConfig>;
