import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryRateLimiters, type RateLimiter } from '../services/rate-limit';
import { connectRedis, type RedisClient } from './redis-connection';
import { redisRateLimiters } from './redis-rate-limit';
import { dropRedisPrefix, redisReachable, TEST_REDIS_URL } from '../testing/redis';

// The shared buckets behave like the in-memory ones, and two servers spend from one allowance.

const redisUp = await redisReachable();

describe.skipIf(!redisUp)('rate limits shared in Redis', () => {
  const prefix = `test-${randomUUID()}`;
  let a: RedisClient;
  let b: RedisClient;
  let t = Date.parse('2021-06-03T08:00:00Z');
  const now = () => new Date(t);
  const spec = { burst: 3, refillS: 60 };

  beforeAll(async () => {
    a = await connectRedis(TEST_REDIS_URL, () => {});
    b = await connectRedis(TEST_REDIS_URL, () => {});
  });
  afterAll(async () => {
    await a?.quit();
    await b?.quit();
    await dropRedisPrefix(prefix);
  });

  async function drain(limiter: RateLimiter, key: string, tries: number) {
    const out: string[] = [];
    for (let i = 0; i < tries; i++) {
      const r = await limiter.take(key);
      out.push(r.ok ? 'ok' : `wait ${r.retryAfterS}`);
    }
    return out;
  }

  it('spends, refuses with the wait, and refills like the in-memory buckets', async () => {
    const shared = redisRateLimiters(a, prefix)('device', spec, now);
    const memory = memoryRateLimiters('device', spec, now);
    const both = async (tries: number) => [await drain(shared, 'phone-1', tries), await drain(memory, 'phone-1', tries)];
    const [r1, m1] = await both(4);
    expect(r1).toEqual(['ok', 'ok', 'ok', 'wait 60']);
    expect(r1).toEqual(m1);
    t += 30_000; // half a token back
    const [r2, m2] = await both(1);
    expect(r2).toEqual(['wait 30']);
    expect(r2).toEqual(m2);
    t += 30_000;
    const [r3, m3] = await both(2);
    expect(r3).toEqual(['ok', 'wait 60']);
    expect(r3).toEqual(m3);
  });

  it('two servers share one allowance per key, and keys and kinds do not share', async () => {
    const onA = redisRateLimiters(a, prefix)('zone', spec, now);
    const onB = redisRateLimiters(b, prefix)('zone', spec, now);
    const results = await Promise.all([onA, onB, onA, onB, onA, onB].map((l) => l.take('liwan-hailong')));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect((await onB.take('liwan-chongkou')).ok).toBe(true);
    expect((await redisRateLimiters(b, prefix)('device', spec, now).take('liwan-hailong')).ok).toBe(true);
  });
});
