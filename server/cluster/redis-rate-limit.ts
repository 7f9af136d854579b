import type { RateLimiterFactory } from '../services/rate-limit';
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
