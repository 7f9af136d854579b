import type { TrackPoint } from '../../contract';
import type { Logger } from '../logger';
import type { PositionRow } from '../deliveries/ports';
import type { LiveStore } from './ports';

// GPS fixes arrive every few seconds from every van: one transaction per fix would spend the
// database's write lock on bookkeeping. They are written in batches instead (group commit): at once
// when no write is in progress, else together when it ends (at most flushMs later, or at flushRows
// fixes); a write failure is logged, not retried forever (a lost fix is a gap in a track, the next fix
// supersedes it for live state). A fix is acknowledged to the driver only once its batch is stored
// (push's promise), like a delivery: a fix acked and then lost to kill -9 would never be resent.

export interface PositionBuffer {
  /** Buffers a fix; resolves once it is stored, rejects if its batch could not be. */
  push(row: PositionRow): Promise<void>;
  /** The pending write of a fix still buffered or being written, if any (a resent fix waits for it). */
  whenWritten(vehicleId: string, at: string): Promise<void> | undefined;
  /** Writes what is buffered now; resolves when it is stored. */
  flush(): Promise<void>;
  /** Fixes not yet written, for reads that must include them. */
  pending(vehicleId: string, localDate: string): TrackPoint[];
  stats(): { written: number; batches: number; failed: number };
}

export function createPositionBuffer(
  store: Pick<LiveStore, 'tracks'>, options: { flushMs: number; flushRows: number }, log: Logger,
): PositionBuffer {
  let rows: PositionRow[] = [];
  let inFlight: PositionRow[] = [];
  let writing = false;
  // One settle per batch; each buffered fix's key points at its batch's promise until it settles.
  let batchDone = deferred();
  const pendingByFix = new Map<string, Promise<void>>();
  const fixKey = (vehicleId: string, at: string) => `${vehicleId}|${at}`;
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();
  const counts = { written: 0, batches: 0, failed: 0 };

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = rows;
    const done = batchDone;
    rows = [];
    batchDone = deferred();
    if (batch.length === 0) return chain;
    writing = true;
    chain = chain.then(async () => {
      inFlight = batch;
      try {
        await store.tracks.insertPositions(batch);
        counts.written += batch.length;
        counts.batches += 1;
        done.resolve();
      } catch (err) {
        counts.failed += batch.length;
        log.error({ err, fixes: batch.length }, 'live: position fixes could not be stored');
        done.reject(err);
      } finally {
        inFlight = [];
        writing = false;
        for (const r of batch) pendingByFix.delete(fixKey(r.vehicleId, r.at));
      }
      // Group commit: what arrived during this write goes next, at once (its drivers await the ack).
      if (rows.length > 0) void flush();
    });
    return chain;
  }

  return {
    push(row) {
      rows.push(row);
      const written = batchDone.promise;
      pendingByFix.set(fixKey(row.vehicleId, row.at), written);
      // Idle: write on the next turn (the ack waits for it). Busy: the batch grows until the write in
      // progress ends (then it goes at once, see flush) or flushMs, whichever comes first.
      if (rows.length >= options.flushRows) void flush();
      else timer ??= setTimeout(() => void flush(), writing ? options.flushMs : 0);
      return written;
    },
    whenWritten: (vehicleId, at) => pendingByFix.get(fixKey(vehicleId, at)),
    flush,
    pending: (vehicleId, localDate) => [...inFlight, ...rows]
      .filter((r) => r.vehicleId === vehicleId && r.localDate === localDate)
      .map(({ lng, lat, speedKmh, at }) => ({ lng, lat, speedKmh, at })),
    stats: () => ({ ...counts }),
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (err: unknown) => void } {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  // A batch nobody awaits (every fix in it resent and answered) must not surface as unhandled.
  promise.catch(() => {});
  return { promise, resolve, reject };
}
