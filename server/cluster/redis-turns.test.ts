import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateLatest } from '../store/db';
import { createStore } from '../store/store';
import type { TempDatabase } from '../store/test-support';
import { tempTestDatabase } from '../testing/test-db';
import { createAlertService } from '../services/alerts/alert-service';
import { DEFAULT_OPS } from '../ops-config';
import { connectRedis, type RedisClient } from './redis-connection';
import { redisTurns } from './redis-turns';
import { dropRedisPrefix, redisReachable, TEST_REDIS_URL } from '../testing/redis';
import { testLogger } from '../testing/test-log';

// The alert rules run on one server per period, not on every server of the cluster; when that server
// stops, another takes the turn.

const redisUp = await redisReachable();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!redisUp)('turns shared in Redis', () => {
  const prefix = `test-${randomUUID()}`;
  let a: RedisClient;
  let b: RedisClient;
  let temp: TempDatabase;

  beforeAll(async () => {
    a = await connectRedis(TEST_REDIS_URL, testLogger());
    b = await connectRedis(TEST_REDIS_URL, testLogger());
    temp = await tempTestDatabase();
    await migrateLatest(temp.db);
  }, 60_000);
  afterAll(async () => {
    await a?.quit();
    await b?.quit();
    await temp?.cleanup();
    await dropRedisPrefix(prefix);
  });

  it('one server gets a period\'s turn; the turn is free again once the period is over', async () => {
    const [turnA, turnB] = [redisTurns(a, prefix), redisTurns(b, prefix)];
    expect(await turnA('job-1', 300)).toBe(true);
    expect(await turnB('job-1', 300)).toBe(false);
    expect(await turnA('job-1', 300)).toBe(false); // once per period, for the holder too
    expect(await turnB('job-2', 300)).toBe(true); // another job is another turn
    await sleep(300);
    expect(await turnB('job-1', 300)).toBe(true);
  });

  it('two servers\' alert timers evaluate once per period between them, and the other takes over when one stops', async () => {
    const store = createStore(temp.db);
    const thresholds = { ...DEFAULT_OPS.alerts, intervalMs: 100 };
    const runs = { a: 0, b: 0 };
    const services = (['a', 'b'] as const).map((name) => {
      const s = createAlertService({ store, now: () => new Date(), thresholds, log: testLogger(), utcOffset: '+08:00' });
      s.addSource(async () => { runs[name] += 1; return []; });
      return s;
    });
    const stopA = services[0]!.startTimer(redisTurns(a, `${prefix}:alerts`));
    const stopB = services[1]!.startTimer(redisTurns(b, `${prefix}:alerts`));
    try {
      const started = Date.now();
      await sleep(1500);
      const periods = (Date.now() - started) / thresholds.intervalMs;
      // Each timer ticked about 15 times: without turns that would be about 30 evaluations.
      expect(runs.a + runs.b).toBeGreaterThan(0);
      expect(runs.a + runs.b).toBeLessThanOrEqual(Math.ceil(periods) + 1);
      const [holder, other] = runs.a >= runs.b ? (['a', 'b'] as const) : (['b', 'a'] as const);
      (holder === 'a' ? stopA : stopB)();
      await services[holder === 'a' ? 0 : 1]!.idle();
      const before = runs[other];
      await sleep(500);
      expect(runs[other]).toBeGreaterThan(before);
    } finally {
      stopA();
      stopB();
      await Promise.all(services.map((s) => s.idle()));
    }
  });
});
