import { createClient } from 'redis';
import type { Logger } from '../services/logger';

// The Redis connections of cluster mode: node-redis for the socket.io adapter, the shared sequences
// and the buses; ioredis options for BullMQ (which brings and needs its own client).

export type RedisClient = ReturnType<typeof createClient>;

// The cluster's settings are config.ts's (it owns every settings type); re-exported for the cluster's files.
export type { ClusterConfig } from '../config';

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
