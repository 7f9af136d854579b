import { createClient } from 'redis';
import type { Logger } from '../services/logger';

// The Redis connections of cluster mode: node-redis for the socket.io adapter, the shared sequences
// and the buses; ioredis options for BullMQ (which brings and needs its own client).

export type RedisClient = ReturnType<typeof createClient>;

export interface ClusterConfig {
  redisUrl: string;
  /** Namespaces every key, stream, channel and queue: several clusters (or tests) share one Redis. */
  prefix: string;
  /**
   * A worker holds its plan job's lock this long, renewing it as it goes; a worker that died is
   * noticed once its lock lapses (checked as often), and its plan goes to another worker.
   */
  jobLockMs: number;
}

export async function connectRedis(url: string, log: Logger): Promise<RedisClient> {
  const client = createClient({ url });
  // Without a listener an error event would kill the process; node-redis reconnects by itself.
  client.on('error', (err: unknown) => log.error({ err }, 'redis: connection error'));
  await client.connect();
  return client;
}

/** BullMQ's connection options for the same URL (workers must block indefinitely: no per-request retry cap). */
export function bullConnection(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    maxRetriesPerRequest: null,
  };
}
