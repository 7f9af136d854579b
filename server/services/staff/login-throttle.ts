import { DEFAULT_OPS, type LoginLimits } from '../../ops-config';
import { AppError } from '../errors';
import { memoryWindowCounters, type WindowCounterFactory } from '../rate-limit';

// Password guessing is bounded per username (one account attacked from many addresses) and per IP
// (one address trying many accounts). Failures are counted in windows shared by the whole cluster
// (server/cluster/redis-rate-limit.ts); once either count reaches its limit every attempt is refused
// with 429 until the window passes, the right password included, so a guess that happens to be
// right is not confirmed to the guesser.

export interface LoginThrottleDeps {
  now: () => Date;
  limits?: LoginLimits;
  counters?: WindowCounterFactory;
}

/** A client as the throttle sees it: the username tried and the address it came from. */
export interface LoginAttempt {
  username: string;
  ip: string;
}

/** Usernames differing only in case or width are one account's guesses. */
const userKey = (username: string) => username.normalize('NFKC').toLowerCase();

export function createLoginThrottle({ now, limits = DEFAULT_OPS.login, counters = memoryWindowCounters }: LoginThrottleDeps) {
  const perUser = counters('login-user', { limit: limits.maxFailures, windowS: limits.windowS }, now);
  const perIp = counters('login-ip', { limit: limits.ipMaxFailures, windowS: limits.windowS }, now);
  // A limit of 0 turns that side off.
  const on = { user: limits.maxFailures > 0, ip: limits.ipMaxFailures > 0 };

  return {
    /** Refuses (429, Retry-After) when the username or the IP has used up its failures. */
    async check({ username, ip }: LoginAttempt): Promise<void> {
      const [user, addr] = await Promise.all([
        on.user ? perUser.peek(userKey(username)) : null,
        on.ip && ip ? perIp.peek(ip) : null,
      ]);
      const blocked = [user && user.count >= limits.maxFailures ? user : null, addr && addr.count >= limits.ipMaxFailures ? addr : null]
        .filter((c) => c !== null);
      if (blocked.length === 0) return;
      const retryAfterS = Math.max(...blocked.map((c) => c.retryAfterS));
      throw new AppError('RATE_LIMITED', `too many failed logins: try again in ${retryAfterS} s (登录失败次数过多，请稍后再试)`, undefined, retryAfterS);
    },

    /** Counts a failure; true when it is the one that locks the username or the IP. */
    async failed({ username, ip }: LoginAttempt): Promise<boolean> {
      const [user, addr] = await Promise.all([
        on.user ? perUser.add(userKey(username)) : null,
        on.ip && ip ? perIp.add(ip) : null,
      ]);
      return user?.count === limits.maxFailures || addr?.count === limits.ipMaxFailures;
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
