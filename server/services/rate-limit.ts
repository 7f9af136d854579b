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

// Window counters: "at most N in a window", where a token bucket would refill part-way through. The
// login throttle counts failures (after N, refused until the window passes); the residents' form
// counts filings per IP and zone. The window starts at the key's first event and, once the count
// reaches the limit, starts again from that event, so a lock-out lasts a full window.

export interface WindowSpec {
  limit: number;
  windowS: number;
}

export interface WindowCount {
  count: number;
  /** Seconds until the count resets (0 when there is none). */
  retryAfterS: number;
}

export interface WindowCounter {
  /** Counts one event. */
  add(key: string): Promise<WindowCount>;
  /** The count now, without adding. */
  peek(key: string): Promise<WindowCount>;
}

export type WindowCounterFactory = (name: string, spec: WindowSpec, now: () => Date) => WindowCounter;

export const memoryWindowCounters: WindowCounterFactory = (_name, spec, now) => {
  const windows = new Map<string, { count: number; endsAt: number }>();
  const windowMs = spec.windowS * 1000;
  const current = (key: string, t: number) => {
    const w = windows.get(key);
    if (w && w.endsAt <= t) windows.delete(key);
    return w && w.endsAt > t ? w : null;
  };
  const answer = (w: { count: number; endsAt: number } | null, t: number): WindowCount =>
    w ? { count: w.count, retryAfterS: Math.max(1, Math.ceil((w.endsAt - t) / 1000)) } : { count: 0, retryAfterS: 0 };
  return {
    async add(key) {
      const t = now().getTime();
      const w = current(key, t) ?? { count: 0, endsAt: t + windowMs };
      w.count += 1;
      if (w.count === spec.limit) w.endsAt = t + windowMs;
      // Expired windows cost nothing to forget: drop the oldest keys rather than grow without bound.
      if (windows.size >= MAX_KEYS && !windows.has(key)) windows.delete(windows.keys().next().value!);
      windows.set(key, w);
      return answer(w, t);
    },
    async peek(key) {
      const t = now().getTime();
      return answer(current(key, t), t);
    },
  };
};
