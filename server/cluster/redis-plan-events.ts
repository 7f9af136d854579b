import type { PlanEvent } from '../contract';
import type { PlanEventBus, PlanEventMeta } from '../services/plan-events';
import type { RedisClient } from './redis-connection';

// Plan status changes over Redis pub/sub: workers and servers publish, every server hears every
// change (its own included) and pushes it to its own clients.

interface Wire { origin: string; event: PlanEvent }

export async function createRedisPlanEventBus(pub: RedisClient, channel: string, origin: string, log: (msg: string, err?: unknown) => void): Promise<PlanEventBus & { close(): Promise<void> }> {
  const sub = pub.duplicate();
  sub.on('error', (err: unknown) => log('redis: plan event subscriber error', err));
  await sub.connect();
  const listeners = new Set<(event: PlanEvent, meta: PlanEventMeta) => void>();
  await sub.subscribe(channel, (raw: string) => {
    let wire: Wire;
    try { wire = JSON.parse(raw) as Wire; } catch { return; }
    for (const l of listeners) {
      try { l(wire.event, { local: wire.origin === origin }); } catch (err) { log('plan events: listener failed', err); }
    }
  });
  return {
    publish(event) {
      pub.publish(channel, JSON.stringify({ origin, event } satisfies Wire)).catch((err: unknown) => log('redis: plan event not published', err));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    async close() {
      listeners.clear();
      await sub.quit().catch(() => {});
    },
  };
}
