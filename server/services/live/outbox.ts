import type { LiveEnvelope, ServerToClientEvents } from '../../contract';
import type { View } from './rooms';

// What the live service hands to the transport: an event, the rooms that may hear it, and how to
// build each room's payload (null: nothing for that room). The transport stamps room, v and epoch.

export type PushedEvent = Exclude<keyof ServerToClientEvents, 'session:ended' | 'vans:board' | TransientEvent>;
/** Events outside the rooms' sequences: dropped rather than queued for a slow or absent client. */
export type TransientEvent = 'plan:progress';
export type PayloadOf<E extends PushedEvent> = Omit<Parameters<ServerToClientEvents[E]>[0], keyof LiveEnvelope>;

export interface Outbox {
  send<E extends PushedEvent>(event: E, rooms: readonly string[], build: (view: View) => PayloadOf<E> | null): void;
  /** A transient event, the same for every room given: no sequence number, not replayed on recovery. */
  transient<E extends TransientEvent>(event: E, rooms: readonly string[], payload: Parameters<ServerToClientEvents[E]>[0]): void;
  /**
   * The room's sequence now. One process: a number read in the same tick as the state it stamps.
   * Cluster: a promise, to read before the state (an event counted then may also be in the state and
   * be applied twice, which is harmless: events set state; the other order could lose one).
   */
  envelope(room: string): LiveEnvelope | Promise<LiveEnvelope>;
}
