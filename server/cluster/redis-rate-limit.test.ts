import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryRateLimiters, memoryWindowCounters, type RateLimiter, type WindowCounter } from '../services/rate-limit';
import { connectRedis, type RedisClient } from './redis-connection';
import { redisRateLimiters, redisWindowCounters } from './redis-rate-limit';
import { dropRedisPrefix, redisReachable, TEST_REDIS_URL } from '../testing/redis';
import { testLogger } from '../testing/test-log';

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
    a = await connectRedis(TEST_REDIS_URL, testLogger());
    b = await connectRedis(TEST_REDIS_URL, testLogger());
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

  // The login throttle's and the request form's counts (issue 15): N in a window, then locked for a full window.
  it('window counters count like the in-memory ones and lock for a full window at the limit', async () => {
    const wspec = { limit: 3, windowS: 600 };
    const run = async (c: WindowCounter) => {
      const out: string[] = [];
      out.push(JSON.stringify(await c.add('coord')));
      t += 100_000;
      out.push(JSON.stringify(await c.add('coord')));
      out.push(JSON.stringify(await c.peek('coord')));
      t += 100_000;
      out.push(JSON.stringify(await c.add('coord'))); // the limit: a full window from here
      t += 599_000;
      out.push(JSON.stringify(await c.peek('coord')));
      t += 1_000;
      out.push(JSON.stringify(await c.peek('coord')));
      t -= 800_000;
      return out;
    };
    const r = await run(redisWindowCounters(a, prefix)('login-user', wspec, now));
    const m = await run(memoryWindowCounters('login-user', wspec, now));
    expect(r).toEqual(m);
    expect(r.map((x) => JSON.parse(x))).toEqual([
      { count: 1, retryAfterS: 600 }, { count: 2, retryAfterS: 500 }, { count: 2, retryAfterS: 500 },
      { count: 3, retryAfterS: 600 }, { count: 3, retryAfterS: 1 }, { count: 0, retryAfterS: 0 },
    ]);
  });

  it('two servers add to one window count per key', async () => {
    const wspec = { limit: 10, windowS: 900 };
    const onA = redisWindowCounters(a, prefix)('login-ip', wspec, now);
    const onB = redisWindowCounters(b, prefix)('login-ip', wspec, now);
    await Promise.all([onA, onB, onA, onB, onA, onB].map((c) => c.add('10.0.0.1')));
    expect((await onB.peek('10.0.0.1')).count).toBe(6);
    expect((await onA.peek('10.0.0.2')).count).toBe(0);
  });
});
