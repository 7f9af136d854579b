import type { TrackPoint } from '../contract';
import type { Store } from '../services/ports';
import type { PositionRow } from '../store/live-ports';

// GPS fixes arrive every few seconds from every van: one transaction per fix would spend the
// database's write lock on bookkeeping. They are buffered and written in batches instead, every
// flushMs or every flushRows fixes, whichever comes first; a write failure is logged, not retried
// forever (a lost fix is a gap in a track, the next fix supersedes it for live state).

export interface PositionBuffer {
  push(row: PositionRow): void;
  /** Writes what is buffered now; resolves when it is stored. */
  flush(): Promise<void>;
  /** Fixes not yet written, for reads that must include them. */
  pending(vehicleId: string, localDate: string): TrackPoint[];
  stats(): { written: number; batches: number; failed: number };
}

export function createPositionBuffer(
  store: Store, options: { flushMs: number; flushRows: number }, log: (msg: string, err?: unknown) => void,
): PositionBuffer {
  let rows: PositionRow[] = [];
  let inFlight: PositionRow[] = [];
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();
  const counts = { written: 0, batches: 0, failed: 0 };

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = rows;
    rows = [];
    if (batch.length === 0) return chain;
    chain = chain.then(async () => {
      inFlight = batch;
      try {
        await store.live.insertPositions(batch);
        counts.written += batch.length;
        counts.batches += 1;
      } catch (err) {
        counts.failed += batch.length;
        log(`live: ${batch.length} position fixes could not be stored`, err);
      } finally {
        inFlight = [];
      }
    });
    return chain;
  }

  return {
    push(row) {
      rows.push(row);
      if (rows.length >= options.flushRows) void flush();
      else timer ??= setTimeout(() => void flush(), options.flushMs);
    },
    flush,
    pending: (vehicleId, localDate) => [...inFlight, ...rows]
      .filter((r) => r.vehicleId === vehicleId && r.localDate === localDate)
      .map(({ lng, lat, speedKmh, at }) => ({ lng, lat, speedKmh, at })),
    stats: () => ({ ...counts }),
  };
}
