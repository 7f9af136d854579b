import type { LiveEnvelope, ServerToClientEvents } from '../contract';
import type { View } from './views';

// What the live service hands to the transport: an event, the rooms that may hear it, and how to
// build each room's payload (null: nothing for that room). The transport stamps room, v and epoch.

export type PushedEvent = Exclude<keyof ServerToClientEvents, 'session:ended' | TransientEvent>;
/** Events outside the rooms' sequences: dropped rather than queued for a slow or absent client. */
export type TransientEvent = 'plan:progress';
export type PayloadOf<E extends PushedEvent> = Omit<Parameters<ServerToClientEvents[E]>[0], keyof LiveEnvelope>;

export interface Outbox {
  send<E extends PushedEvent>(event: E, rooms: readonly string[], build: (view: View) => PayloadOf<E> | null): void;
  /** A transient event, the same for every room given: no sequence number, not replayed on recovery. */
  transient<E extends TransientEvent>(event: E, rooms: readonly string[], payload: Parameters<ServerToClientEvents[E]>[0]): void;
  /** The room's sequence now: a snapshot built in the same tick carries it. */
  envelope(room: string): LiveEnvelope;
}

/** Per-room sequences, starting again (under a new epoch) with every process. */
export function createSequencer(epoch: string) {
  const seq = new Map<string, number>();
  return {
    epoch,
    next(room: string): number {
      const v = (seq.get(room) ?? 0) + 1;
      seq.set(room, v);
      return v;
    },
    current: (room: string): number => seq.get(room) ?? 0,
  };
}
