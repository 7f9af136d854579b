import type { RateLimiterFactory, WindowCounterFactory } from '../services/rate-limit';
import type { RedisClient } from './redis-connection';

// The request brakes' token buckets in Redis, so every server of a cluster spends from the same
// allowance. One script call per take: read, refill, spend and write happen atomically. The time is
// the server's clock (the caller's `now`, as the in-memory buckets use), not Redis's.

const TAKE = `
local burst = tonumber(ARGV[1])
local refill_ms = tonumber(ARGV[2])
local t = tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or t
local gained = burst
if refill_ms > 0 then gained = math.max(0, (t - at) / refill_ms) end
tokens = math.min(burst, tokens + gained)
if tokens < 1 then return {0, math.ceil((1 - tokens) * refill_ms / 1000)} end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - 1), 'at', tostring(t))
redis.call('PEXPIRE', KEYS[1], math.max(1000, math.ceil(burst * refill_ms) + 1000))
return {1, 0}
`;

export function redisRateLimiters(redis: RedisClient, prefix: string): RateLimiterFactory {
  return (name, spec, now) => ({
    async take(key) {
      const [ok, retryAfterS] = (await redis.eval(TAKE, {
        keys: [`${prefix}:rate:${name}:${key}`],
        arguments: [String(spec.burst), String(spec.refillS * 1000), String(now().getTime())],
      })) as [number, number];
      return { ok: ok === 1, retryAfterS: Number(retryAfterS) };
    },
  });
}

// The window counters (server/services/rate-limit.ts) in Redis: a count per key with an expiry at the
// window's end, renewed to a full window when the count reaches the limit. The expiry is set from the
// server's clock like the buckets' times, so an injected clock moves both stores alike.
const ADD = `
local limit = tonumber(ARGV[1])
local window_ms = tonumber(ARGV[2])
local t = tonumber(ARGV[3])
local ends = tonumber(redis.call('HGET', KEYS[1], 'ends'))
local count = 0
if ends and ends > t then count = tonumber(redis.call('HGET', KEYS[1], 'count')) else ends = t + window_ms end
count = count + 1
if count == limit then ends = t + window_ms end
redis.call('HSET', KEYS[1], 'count', tostring(count), 'ends', tostring(ends))
redis.call('PEXPIRE', KEYS[1], math.max(1000, window_ms + 1000))
return {count, ends}
`;

const PEEK = `
local ends = tonumber(redis.call('HGET', KEYS[1], 'ends'))
if not ends or ends <= tonumber(ARGV[1]) then return {0, 0} end
return {tonumber(redis.call('HGET', KEYS[1], 'count')), ends}
`;

export function redisWindowCounters(redis: RedisClient, prefix: string): WindowCounterFactory {
  return (name, spec, now) => {
    const keyOf = (key: string) => `${prefix}:window:${name}:${key}`;
    const answer = ([count, ends]: [number, number], t: number) =>
      ({ count: Number(count), retryAfterS: Number(count) > 0 ? Math.max(1, Math.ceil((Number(ends) - t) / 1000)) : 0 });
    return {
      async add(key) {
        const t = now().getTime();
        const reply = await redis.eval(ADD, { keys: [keyOf(key)], arguments: [String(spec.limit), String(spec.windowS * 1000), String(t)] });
        return answer(reply as [number, number], t);
      },
      async peek(key) {
        const t = now().getTime();
        return answer((await redis.eval(PEEK, { keys: [keyOf(key)], arguments: [String(t)] })) as [number, number], t);
      },
    };
  };
}
