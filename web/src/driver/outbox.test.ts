import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LiveStop } from '../../../server/contract';
import type { LiveLink } from '../live/live-link';
import { createOfflineQueue } from './offline-queue';
import { outboxSender } from './outbox-sender';
import { createStopStates } from './stop-state';

class MemoryStorage {
  private map = new Map<string, string>();
  getItem(k: string) { return this.map.get(k) ?? null; }
  setItem(k: string, v: string) { this.map.set(k, v); }
  removeItem(k: string) { this.map.delete(k); }
}

function fakeLink(connected: boolean, reply: (event: string, input: { key: string }) => unknown): LiveLink & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent, connected: () => connected,
    send: async (event, input) => { sent.push(`${event}:${input.key}`); return reply(event, input) as never; },
    snapshot: async () => { throw new Error('unused'); }, on: () => undefined, onResync: () => undefined, onStatus: () => undefined, close: () => undefined,
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('driver outbox over the live socket', () => {
  it('sends queued events in order with their keys; offline or unconnected they wait', async () => {
    const queue = createOfflineQueue(new MemoryStorage() as unknown as Storage);
    const a = queue.enqueue('stop:arrive', { planId: 'p', vehicleId: 'v', tripIndex: 0, stopIndex: 0, at: 'x' });
    const b = queue.enqueue('stop:deliver', { planId: 'p', vehicleId: 'v', tripIndex: 0, stopIndex: 0, at: 'y', quantitiesKg: {}, handoffMode: 'door' });
    vi.stubGlobal('navigator', { onLine: false });
    const link = fakeLink(true, () => ({ ok: true, data: {} }));
    expect(await queue.flush(outboxSender(link, () => undefined))).toBe(0);
    vi.stubGlobal('navigator', { onLine: true });
    expect(await queue.flush(outboxSender(fakeLink(false, () => ({ ok: true })), () => undefined))).toBe(0);
    expect(await queue.flush(outboxSender(link, () => undefined))).toBe(2);
    expect(link.sent).toEqual([`stop:arrive:${a.key}`, `stop:deliver:${b.key}`]);
    expect(queue.pending()).toHaveLength(0);
  });

  it('drops a refused event (it would never pass) and tells the driver; a server hiccup is retried', async () => {
    vi.stubGlobal('navigator', { onLine: true });
    const queue = createOfflineQueue(new MemoryStorage() as unknown as Storage);
    queue.enqueue('stop:fail', { planId: 'p', vehicleId: 'v', tripIndex: 0, stopIndex: 1, at: 'x', reason: 'refused', text: '' });
    const refused: string[] = [];
    await queue.flush(outboxSender(fakeLink(true, () => ({ ok: false, error: { code: 'INTERNAL', message: 'db' } })), (m) => refused.push(m)));
    expect(queue.pending()).toHaveLength(1);
    await queue.flush(outboxSender(fakeLink(true, () => ({ ok: false, error: { code: 'CONFLICT', message: 'already delivered' } })), (m) => refused.push(m)));
    expect(queue.pending()).toHaveLength(0);
    expect(refused).toEqual(['already delivered']);
  });

  it('keeps stop statuses per plan; the server overrides all but pending', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const states = createStopStates(storage, { planId: 'p', vehicleId: 'v' });
    states.set(0, 0, 'delivered');
    states.set(0, 1, 'arrived');
    const stop = (stopIndex: number, status: LiveStop['status']): LiveStop => ({
      planId: 'p', vehicleId: 'v', tripIndex: 0, stopIndex, zoneId: 'z', location: [0, 0], status, plannedAt: '', etaAt: null, deliveredKg: {}, plannedKg: {},
    });
    states.merge([stop(0, 'pending'), stop(1, 'failed')]);
    const again = createStopStates(storage, { planId: 'p', vehicleId: 'v' });
    expect([again.get(0, 0), again.get(0, 1), again.get(0, 2)]).toEqual(['delivered', 'failed', 'pending']);
    expect(createStopStates(storage, { planId: 'other', vehicleId: 'v' }).get(0, 0)).toBe('pending');
  });
});
