// Room sequences: each event pushed to a room carries the room's next number (and the epoch of the
// process or cluster that numbered it), so a client can spot a gap and resync. The gateway stamps
// what the live service sends through its Outbox (server/services/live/outbox.ts).

/** Numbers each room's events. */
export interface Sequencer {
  readonly epoch: string;
  /** Gives the room's next number to `emit`: at once, or when a shared counter answers; in call order. */
  stamp(room: string, emit: (v: number) => void): void;
  current(room: string): number | Promise<number>;
}

/** Per-room sequences in this process, starting again (under a new epoch) with every process. */
export function createSequencer(epoch: string): Sequencer {
  const seq = new Map<string, number>();
  return {
    epoch,
    stamp(room, emit) {
      const v = (seq.get(room) ?? 0) + 1;
      seq.set(room, v);
      emit(v);
    },
    current: (room) => seq.get(room) ?? 0,
  };
}
