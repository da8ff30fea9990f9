/** One line an operator can act on for a Redis connection or command failure. `target` is `host:port/db`. */
export function explainRedisError(error: unknown, target: string): string {
  const e = (error ?? {}) as { code?: string; message?: string };
  const message = e.message ?? String(error);
  if (e.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) {
    return `cannot reach Redis at ${target}: connection refused (is redis-server running, and is CINEMATA_REDIS_URL right?)`;
  }
  if (e.code === 'ENOTFOUND' || /ENOTFOUND|EAI_AGAIN/.test(message)) return `cannot reach Redis at ${target}: the host name does not resolve`;
  if (/ETIMEDOUT|timed? ?out/i.test(message)) return `cannot reach Redis at ${target}: no answer in time`;
  if (/NOAUTH|WRONGPASS|invalid password/i.test(message)) return `Redis at ${target} refused the login: ${message}`;
  if (/NOPERM/.test(message)) return `Redis at ${target}: the bot's user lacks a permission: ${message}`;
  if (/Stream isn't writeable|Connection is closed|enableOfflineQueue/i.test(message)) return `cannot reach Redis at ${target}: not connected`;
  return `Redis at ${target}: ${message}`;
}

export function describeRedisTarget(url: string): string {
  try {
    const u = new URL(url);
    const db = u.pathname.replace(/^\//, '') || '0';
    return `${u.hostname || '127.0.0.1'}:${u.port || '6379'}/${db}`;
  } catch {
    return 'the configured Redis';
  }
}
