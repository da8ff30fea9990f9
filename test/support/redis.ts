import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe } from 'vitest';

/** The machine's Redis; tests use their own DB numbers so they never meet each other or a real broker. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function ping(url: string): Promise<string | null> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    client.disconnect();
  }
}

const unavailable = await ping(TEST_REDIS_URL);
if (unavailable && process.env.CI) throw new Error(`Redis tests must run in CI: ${TEST_REDIS_URL}: ${unavailable}`);

/**
 * `describe` for tests that need Redis: `db` is a DB number the suite owns, flushed before and after. Skipped with
 * a visible reason where there is no Redis (a laptop); in CI a missing Redis fails instead.
 */
export function describeWithRedis(name: string, db: number, body: (url: string, admin: () => Redis) => void): void {
  if (unavailable) {
    describe.skip(`${name} (skipped: no Redis at ${TEST_REDIS_URL}: ${unavailable})`, () => undefined);
    return;
  }
  const url = `${TEST_REDIS_URL.replace(/\/\d*$/, '')}/${db}`;
  let admin: Redis | undefined;
  describe(name, () => {
    beforeAll(async () => {
      admin = new Redis(url);
      await admin.flushdb();
    });
    afterAll(async () => {
      await admin?.flushdb();
      admin?.disconnect();
    });
    body(url, () => {
      if (!admin) throw new Error('admin client not ready');
      return admin;
    });
  });
}
