import { randomUUID } from 'node:crypto';
import type { TakeTurn } from '../services/alerts/alert-service';
import type { PlanEventBus } from '../services/plans/plan-events';
import type { PlanQueue } from '../services/plans/plan-queue';
import type { RateLimiterFactory, WindowCounterFactory } from '../services/rate-limit';
import { createBullPlanQueue } from './bull-plan-queue';
import { createLiveCluster, type LiveCluster } from './live-cluster';
import { connectRedis, type ClusterConfig } from './redis-connection';
import { createRedisPlanEventBus } from './redis-plan-events';
import { redisRateLimiters, redisWindowCounters } from './redis-rate-limit';
import { redisTurns } from './redis-turns';
import type { Logger } from '../services/logger';

// A server's ties to the rest of its cluster, made at start and cut at shutdown.

export interface ClusterLink {
  plans: { queue: PlanQueue; events: PlanEventBus };
  live: LiveCluster;
  rateLimiters: RateLimiterFactory;
  /** The login throttle and the per-IP request bound, counted once for the whole cluster. */
  windowCounters: WindowCounterFactory;
  /** Periodic jobs one server runs per period (the alert rules). */
  takeTurn: TakeTurn;
  close(): Promise<void>;
}

export async function startClusterLink(cluster: ClusterConfig, log: Logger): Promise<ClusterLink> {
  const redis = await connectRedis(cluster.redisUrl, log);
  const events = await createRedisPlanEventBus(redis, `${cluster.prefix}:plan-events`, `server-${randomUUID()}`, log);
  const live = await createLiveCluster(cluster, redis, log);
  return {
    plans: { queue: createBullPlanQueue(cluster), events },
    live,
    rateLimiters: redisRateLimiters(redis, cluster.prefix),
    windowCounters: redisWindowCounters(redis, cluster.prefix),
    takeTurn: redisTurns(redis, cluster.prefix),
    async close() {
      await live.close();
      await events.close();
      await redis.quit().catch(() => {});
    },
  };
}
