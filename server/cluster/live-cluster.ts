import { randomUUID } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { LiveDelta, LiveService } from '../services/live/live-service';
import type { Sequencer } from '../live/sequencer';
import type { ClusterConfig, RedisClient } from './redis-connection';
import type { Logger } from '../services/logger';

// What lets several server processes serve one live picture:
// - socket.io's adapter over a Redis stream: an event emitted by any server reaches the room's
//   sockets on every server, and a client that reconnects to another server recovers its session;
// - room sequences shared in Redis, so a client sees one numbering whichever server emitted;
// - a sync channel on which each server tells the others its vans' fixes and its stop events, so
//   every server's in-memory picture (for snapshots and ETAs) stays the same.

/** Fixes are sent in batches; a stop event at once (with the fixes before it, in order). */
const FIX_BATCH_MS = 20;
/** The stream keeps this many packets for sessions to recover from (a busy city fills it in minutes). */
const STREAM_MAX_LEN = 50_000;

// Increments every key given, in one round trip: one tick's events cost one call, not one per room.
const INCR_ALL = "local r = {} for i, k in ipairs(KEYS) do r[i] = redis.call('INCR', k) end return r";

interface SyncMessage { origin: string; deltas: LiveDelta[] }

export interface LiveCluster {
  adapter: ReturnType<typeof createAdapter>;
  sequencer: Sequencer;
  /** Starts sharing this server's changes and applying the others'. */
  join(live: LiveService): Promise<void>;
  close(): Promise<void>;
}

export async function createLiveCluster(cluster: ClusterConfig, redis: RedisClient, log: Logger): Promise<LiveCluster> {
  const origin = randomUUID();
  const key = (room: string) => `${cluster.prefix}:live:seq:${room}`;
  // One epoch for the cluster's life (it changes only if Redis loses the counters with it).
  const epochKey = `${cluster.prefix}:live:epoch`;
  await redis.set(epochKey, randomUUID(), { condition: 'NX' });
  const epoch = (await redis.get(epochKey))!;

  let waiting: Array<{ room: string; emit: (v: number) => void }> = [];
  let chain: Promise<void> = Promise.resolve();
  function flushStamps() {
    const batch = waiting;
    waiting = [];
    // Batches go one after another, so a room's numbers are emitted in the order they were asked for.
    chain = chain.then(async () => {
      const values = (await redis.eval(INCR_ALL, { keys: batch.map((b) => key(b.room)) })) as number[];
      batch.forEach((b, i) => b.emit(Number(values[i])));
    }).catch((err: unknown) => log.error({ err }, 'live: shared sequence unavailable; events of this tick were not sent'));
  }
  const sequencer: Sequencer = {
    epoch,
    stamp(room, emit) {
      waiting.push({ room, emit });
      if (waiting.length === 1) queueMicrotask(flushStamps);
    },
    async current(room) {
      await chain; // numbers this server asked for are counted before it answers
      return Number((await redis.get(key(room))) ?? 0);
    },
  };

  const adapter = createAdapter(redis, {
    streamName: `${cluster.prefix}:socket.io`,
    channelPrefix: `${cluster.prefix}:socket.io`,
    sessionKeyPrefix: `${cluster.prefix}:sio:session:`,
    maxLen: STREAM_MAX_LEN,
    onlyPlaintext: true,
  });

  const channel = `${cluster.prefix}:live-sync`;
  const sub = redis.duplicate();
  sub.on('error', (err: unknown) => log.error({ err }, 'redis: live sync subscriber error'));
  let pending: LiveDelta[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopSharing: (() => void) | null = null;
  function send() {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.length === 0) return;
    const message: SyncMessage = { origin, deltas: pending };
    pending = [];
    redis.publish(channel, JSON.stringify(message)).catch((err: unknown) => log.error({ err }, 'redis: live sync not published'));
  }

  return {
    adapter,
    sequencer,
    async join(live) {
      await sub.connect();
      await sub.subscribe(channel, (raw: string) => {
        let message: SyncMessage;
        try { message = JSON.parse(raw) as SyncMessage; } catch { return; }
        if (message.origin === origin) return;
        for (const delta of message.deltas) live.applyRemote(delta);
      });
      stopSharing = live.onDelta((delta) => {
        pending.push(delta);
        if (delta.type === 'stop') send();
        else timer ??= setTimeout(send, FIX_BATCH_MS);
      });
    },
    async close() {
      stopSharing?.();
      send();
      await chain;
      await sub.quit().catch(() => {});
    },
  };
}
