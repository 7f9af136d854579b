// The client's side of the room sequence, shared by the web client (web/src/live/live-link.ts), the
// tests' mirror and the benches. Pure: no sockets, the timer is injected.
//
// Events carry their room's number `v` under an `epoch`. One server emits them in order; in a cluster
// the servers draw numbers from one counter but their stream appends can land in another order, so
// an event may arrive a moment before the one numbered just ahead of it. It waits (up to `waitMs`)
// for the missing ones; only a gap that stays open, a new epoch or too many waiting events call for
// a snapshot (`onGap`). Events already covered by the snapshot are dropped.

export interface Numbered {
  epoch: string;
  v: number;
}

export interface InOrderOptions<T extends Numbered> {
  /** Receives the events in order, each once. */
  deliver: (event: T) => void;
  /** The sequence broke for good: fetch a snapshot, then call reset() with its position. */
  onGap: () => void;
  waitMs: number;
  /** Events held at most, waiting for a gap to close or a snapshot. */
  maxHeld?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface InOrder<T extends Numbered> {
  push(event: T): void;
  /** After a snapshot: its position; held events after it are delivered. */
  reset(epoch: string, v: number): void;
  position(): Numbered | null;
  close(): void;
}

export function createInOrder<T extends Numbered>(options: InOrderOptions<T>): InOrder<T> {
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  const maxHeld = options.maxHeld ?? 1000;
  let position: Numbered | null = null;
  const held = new Map<string, T>();
  let timer: unknown = null;
  // Told onGap and waiting for reset(): no second call until then.
  let awaitingSnapshot = false;

  const keyOf = (epoch: string, v: number) => `${epoch}#${v}`;

  function stopTimer() {
    if (timer !== null) clearTimer(timer);
    timer = null;
  }

  function gap() {
    stopTimer();
    if (awaitingSnapshot) return;
    awaitingSnapshot = true;
    options.onGap();
  }

  function drain() {
    if (!position) return;
    for (;;) {
      const next = held.get(keyOf(position.epoch, position.v + 1));
      if (!next) break;
      held.delete(keyOf(next.epoch, next.v));
      position = { epoch: next.epoch, v: next.v };
      options.deliver(next);
    }
    if (held.size === 0) stopTimer();
    else if (timer === null && !awaitingSnapshot) timer = setTimer(gap, options.waitMs);
  }

  return {
    push(event) {
      if (position && event.epoch === position.epoch && event.v <= position.v) return;
      if (position && event.epoch === position.epoch && event.v === position.v + 1 && !awaitingSnapshot) {
        position = { epoch: event.epoch, v: event.v };
        options.deliver(event);
        drain();
        return;
      }
      held.set(keyOf(event.epoch, event.v), event);
      // A new epoch: the server's numbering started again; nothing will fill the gap.
      if (held.size > maxHeld || (position && event.epoch !== position.epoch)) gap();
      else if (position && timer === null && !awaitingSnapshot) timer = setTimer(gap, options.waitMs);
    },
    reset(epoch, v) {
      position = { epoch, v };
      awaitingSnapshot = false;
      stopTimer();
      for (const [k, e] of held) if (e.epoch !== epoch || e.v <= v) held.delete(k);
      drain();
    },
    position: () => position,
    close() {
      stopTimer();
      held.clear();
    },
  };
}
