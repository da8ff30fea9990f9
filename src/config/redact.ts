import { SECRET_ENV_KEYS, URL_ENV_KEYS } from './env-schema.js';
import type { Config } from './load-config.js';

const REDACTED = '[redacted]';

/** Hides the password of a URL but keeps the rest, so an operator can still see which host is used. */
export function redactUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return REDACTED;
  }
}

/** The configuration as it may be printed or logged: secrets replaced, URLs with their password masked. */
export function redactConfig(config: Config): Record<string, unknown> {
  const env: Record<string, unknown> = { ...config.env };
  for (const key of SECRET_ENV_KEYS) if (env[key] !== undefined) env[key] = REDACTED;
  for (const key of URL_ENV_KEYS) {
    const value = env[key];
    if (typeof value === 'string') env[key] = redactUrl(value);
  }
  return { ...config, env };
}
