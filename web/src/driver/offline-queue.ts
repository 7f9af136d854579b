/**
 * The driver's outbox: delivery records are kept on the device first and sent in order when the network
 * allows, each with an idempotency key so a record sent twice is stored once. Plans and delivery routes land
 * in later issues; this holds the structure they will fill.
 */
export interface QueuedRecord<T = unknown> {
  /** Idempotency key, sent with the record. */
  key: string;
  kind: string;
  payload: T;
  createdAt: string;
  attempts: number;
}

export type SendOutcome = 'sent' | 'retry';

export interface OfflineQueue {
  enqueue<T>(kind: string, payload: T): QueuedRecord<T>;
  pending(): QueuedRecord[];
  /** Sends records oldest first; stops at the first that must wait, keeps it and everything after it. */
  flush(send: (record: QueuedRecord) => Promise<SendOutcome>): Promise<number>;
  onChange(listener: (count: number) => void): () => void;
}

export function createOfflineQueue(storage: Storage, storageKey = 'baogong.driver.outbox', now = () => new Date()): OfflineQueue {
  const listeners = new Set<(count: number) => void>();
  let flushing: Promise<number> | null = null;

  function load(): QueuedRecord[] {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(storageKey) ?? '[]');
      return Array.isArray(parsed) ? (parsed as QueuedRecord[]) : [];
    } catch {
      return [];
    }
  }

  function save(records: QueuedRecord[]): void {
    storage.setItem(storageKey, JSON.stringify(records));
    for (const listener of listeners) listener(records.length);
  }

  async function drain(send: (record: QueuedRecord) => Promise<SendOutcome>): Promise<number> {
    let sent = 0;
    for (let record = load()[0]; record; record = load()[0]) {
      let outcome: SendOutcome;
      try {
        outcome = await send(record);
      } catch {
        outcome = 'retry';
      }
      const rest = load();
      if (outcome === 'retry') {
        save(rest.map((r) => (r.key === record!.key ? { ...r, attempts: r.attempts + 1 } : r)));
        break;
      }
      save(rest.filter((r) => r.key !== record!.key));
      sent += 1;
    }
    return sent;
  }

  return {
    enqueue(kind, payload) {
      const record = { key: crypto.randomUUID(), kind, payload, createdAt: now().toISOString(), attempts: 0 };
      save([...load(), record]);
      return record;
    },
    pending: load,
    flush(send) {
      flushing ??= drain(send).finally(() => { flushing = null; });
      return flushing;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
