import { describe, expect, it } from 'vitest';
import { createOfflineQueue, type QueuedRecord } from './offline-queue';

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() { return data.size; },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => { data.delete(k); },
    setItem: (k, v) => { data.set(k, v); },
  };
}

describe('offline queue', () => {
  it('keeps records across instances and sends them in order, stopping at the first that must wait', async () => {
    const storage = memoryStorage();
    const queue = createOfflineQueue(storage);
    const a = queue.enqueue('delivered', { stop: 1 });
    queue.enqueue('delivered', { stop: 2 });
    queue.enqueue('delivered', { stop: 3 });
    expect(new Set(queue.pending().map((r) => r.key)).size).toBe(3);

    const sent: QueuedRecord[] = [];
    const again = createOfflineQueue(storage);
    expect(await again.flush(async (r) => { if ((r.payload as { stop: number }).stop === 2) return 'retry'; sent.push(r); return 'sent'; })).toBe(1);
    expect(sent.map((r) => r.key)).toEqual([a.key]);
    expect(again.pending().map((r) => [(r.payload as { stop: number }).stop, r.attempts])).toEqual([[2, 1], [3, 0]]);

    expect(await again.flush(async () => { throw new Error('offline'); })).toBe(0);
    expect(await again.flush(async () => 'sent')).toBe(2);
    expect(again.pending()).toEqual([]);
  });
});
