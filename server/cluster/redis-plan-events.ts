import type { PlanEvent } from '../contract';
import type { PlanEventBus, PlanEventMeta } from '../services/plans/plan-events';
import type { RedisClient } from './redis-connection';
import type { Logger } from '../services/logger';

// Plan status changes over Redis pub/sub: workers and servers publish, every server hears every
// change (its own included) and pushes it to its own clients.

interface Wire { origin: string; event: PlanEvent }

export async function createRedisPlanEventBus(pub: RedisClient, channel: string, origin: string, log: Logger): Promise<PlanEventBus & { close(): Promise<void> }> {
  const sub = pub.duplicate();
  sub.on('error', (err: unknown) => log.error({ err }, 'redis: plan event subscriber error'));
  await sub.connect();
  const listeners = new Set<(event: PlanEvent, meta: PlanEventMeta) => void>();
  await sub.subscribe(channel, (raw: string) => {
    let wire: Wire;
    try { wire = JSON.parse(raw) as Wire; } catch { return; }
    for (const l of listeners) {
      try { l(wire.event, { local: wire.origin === origin }); } catch (err) { log.error({ err }, 'plan events: listener failed'); }
    }
  });
  return {
    publish(event) {
      pub.publish(channel, JSON.stringify({ origin, event } satisfies Wire)).catch((err: unknown) => log.error({ err }, 'redis: plan event not published'));
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
