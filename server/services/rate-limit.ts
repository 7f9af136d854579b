// Token buckets for the spam brakes on residents' requests. In memory for one process (the embedded
// default); a cluster shares them in Redis (server/cluster/redis-rate-limit.ts), else N servers would
// give each device N× its allowance.

export interface BucketSpec {
  burst: number;
  refillS: number;
}

export interface TakeResult {
  ok: boolean;
  /** Seconds until a token is back (0 when ok). */
  retryAfterS: number;
}

/** Buckets of one kind (per device, per zone…), wherever they are kept. */
export interface RateLimiter {
  take(key: string): Promise<TakeResult>;
}

/** Makes the buckets of one kind; `name` keeps kinds apart in a shared store. */
export type RateLimiterFactory = (name: string, spec: BucketSpec, now: () => Date) => RateLimiter;

export const memoryRateLimiters: RateLimiterFactory = (_name, spec, now) => {
  const buckets = createTokenBuckets(spec, now);
  return { take: async (key) => buckets.take(key) };
};

const MAX_KEYS = 50_000;

export function createTokenBuckets(spec: BucketSpec, now: () => Date) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillMs = spec.refillS * 1000;

  function level(key: string, t: number): { tokens: number; at: number } {
    const b = buckets.get(key);
    if (!b) return { tokens: spec.burst, at: t };
    const gained = refillMs > 0 ? (t - b.at) / refillMs : spec.burst;
    return { tokens: Math.min(spec.burst, b.tokens + Math.max(0, gained)), at: t };
  }

  return {
    take(key: string): TakeResult {
      const t = now().getTime();
      const b = level(key, t);
      if (b.tokens < 1) return { ok: false, retryAfterS: Math.ceil(((1 - b.tokens) * refillMs) / 1000) };
      // A full bucket costs nothing to forget: drop the oldest keys rather than grow without bound.
      if (buckets.size >= MAX_KEYS && !buckets.has(key)) buckets.delete(buckets.keys().next().value!);
      buckets.set(key, { tokens: b.tokens - 1, at: t });
      return { ok: true, retryAfterS: 0 };
    },
  };
}
