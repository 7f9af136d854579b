import { createClient } from 'redis';
import { ensureRedis } from './preflight';
import { loadTestSettings } from '../config';

// Cluster tests need Redis; like PostgreSQL, scripts/setup-test-env.sh starts it when installed.

export const TEST_REDIS_URL = loadTestSettings().redisUrl;

export function redisReachable(url = TEST_REDIS_URL): Promise<boolean> {
  return ensureRedis(url).then(() => true, () => false);
}

/** Deletes every key that starts with `prefix` (a cluster's streams, counters, sessions and queue, or several clusters'); answers how many. */
export async function dropRedisPrefix(prefix: string, url = TEST_REDIS_URL): Promise<number> {
  const client = createClient({ url });
  client.on('error', () => {});
  await client.connect();
  let n = 0;
  try {
    for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
      const keys = ([] as string[]).concat(batch as string | string[]);
      if (keys.length) n += await client.del(keys);
    }
  } finally {
    await client.close();
  }
  return n;
}
