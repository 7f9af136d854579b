import { randomUUID } from 'node:crypto';
import type { TakeTurn } from '../services/alerts/alert-service';
import type { RedisClient } from './redis-connection';

// Periodic jobs that one server of a cluster should run, not every server (the alert rules read
// every zone, request and stop: N servers would read it all N times). The first server to ask in a
// period takes a lease just shorter than the period; whoever holds it runs the job. In practice the
// same server keeps it (its next tick finds the lease lapsed before the others' ticks do), and when it
// dies another takes over within one period.

/** The lease ends this much before the period does, so timers that drift a little still find it free. */
const LEASE_SHARE = 0.9;

export function redisTurns(redis: RedisClient, prefix: string): TakeTurn {
  const me = randomUUID();
  return async (job, periodMs) => {
    const lease = Math.max(1, Math.floor(periodMs * LEASE_SHARE));
    const reply = await redis.set(`${prefix}:turn:${job}`, me, { condition: 'NX', expiration: { type: 'PX', value: lease } });
    return reply === 'OK';
  };
}
