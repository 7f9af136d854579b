import type { VanBoard, VanBoardChangedEvent, VanBoardRow } from '../contract';
import type { Logger } from '../services/logger';

// The van board pushed live (issue 14): instead of every page re-reading GET /api/vans/board on every
// event, this server sends each room it has watchers in the rows that changed, at most once per
// intervalMs. Only changed rows: a city board is thousands of vans, a fix moves one. Each server
// tells its own sockets from its own live picture (kept the same across a cluster by the live deltas).

export interface BoardPushDeps {
  /** The room's board, or only these vans' rows (null: every van). */
  build(room: string, only: ReadonlySet<string> | null): Promise<VanBoard>;
  /** Board rooms (coordinators, districts) with at least one socket on this server. */
  rooms(): string[];
  emit(room: string, event: VanBoardChangedEvent): void;
  /** Longest a change waits before it is pushed. */
  intervalMs: number;
  /** Every this often all rows are rebuilt: lateness and silence change with the clock, not only with events. */
  sweepMs: number;
  log: Logger;
}

/** A row as compared: its age ticks every second and is not a change (the client ages it on). */
const keyOf = (row: VanBoardRow) => JSON.stringify({ ...row, positionAgeS: null });

export function createBoardPush(deps: BoardPushDeps) {
  /** Per room, what its sockets were last told: vehicleId → row key. */
  const sent = new Map<string, Map<string, string>>();
  const dirty = new Set<string>();
  let everything = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let closed = false;

  function schedule(): void {
    if (closed || timer || running) return;
    timer = setTimeout(() => { timer = null; running = tick().finally(() => { running = null; if (everything || dirty.size) schedule(); }); }, deps.intervalMs);
  }

  async function tick(): Promise<void> {
    const only = everything ? null : new Set(dirty);
    everything = false;
    dirty.clear();
    const rooms = deps.rooms();
    for (const room of [...sent.keys()]) if (!rooms.includes(room)) sent.delete(room);
    for (const room of rooms) {
      try {
        await pushRoom(room, sent.has(room) ? only : null);
      } catch (err) {
        deps.log.error({ err, room }, 'live: the van board could not be pushed');
      }
    }
  }

  async function pushRoom(room: string, only: ReadonlySet<string> | null): Promise<void> {
    const board = await deps.build(room, only);
    const last = sent.get(room);
    const next = new Map(last ?? []);
    const vans = board.vans.filter((row) => {
      const key = keyOf(row);
      next.set(row.vehicleId, key);
      return last?.get(row.vehicleId) !== key;
    });
    const here = new Set(board.vans.map((r) => r.vehicleId));
    const asked = only ?? new Set(last?.keys() ?? []);
    const removed = [...asked].filter((id) => !here.has(id) && next.delete(id) && !!last?.has(id));
    sent.set(room, next);
    // A room seen for the first time gets every row: its socket read the board before this build.
    if (vans.length === 0 && removed.length === 0) return;
    deps.emit(room, { at: board.at, vans, removed });
  }

  const sweep = setInterval(() => { everything = true; schedule(); }, deps.sweepMs);
  sweep.unref?.();

  return {
    /** A van changed (null: any may have, e.g. a publish). */
    touch(vehicleId: string | null): void {
      if (vehicleId === null) everything = true; else dirty.add(vehicleId);
      schedule();
    },
    close(): void {
      closed = true;
      clearInterval(sweep);
      if (timer) clearTimeout(timer);
    },
  };
}
