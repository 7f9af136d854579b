import { io, type Socket } from 'socket.io-client';
import { ApiFailure } from '../api';
import type {
  ClientToServerEvents, LiveAck, LiveEnvelope, LiveSnapshot, ServerToClientEvents, StopArriveInput, StopDeliverInput,
  StopEventResult, StopFailInput, VehicleMoveInput,
} from '../../../server/contract';
import { createInOrder } from '../../../server/contract/in-order';

// The only socket.io-client importer: one socket per page, authenticated by the session cookie (same origin),
// in the one room the server puts this user in. Pushed events carry the room's sequence `v` and `epoch`: a gap
// or a new epoch means something was missed, so `onResync` listeners fetch a fresh snapshot.

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface StopEvents {
  'stop:arrive': StopArriveInput;
  'stop:deliver': StopDeliverInput;
  'stop:fail': StopFailInput;
  /** A GPS fix, queued with the stop events (its ack is a MoveResult; only ok/error is read). */
  'vehicle:move': VehicleMoveInput;
}

export interface LiveLink {
  connected(): boolean;
  /** Sends a driver event and waits for the server's ack (rejects on timeout or when not connected). */
  send<E extends keyof StopEvents>(event: E, input: StopEvents[E]): Promise<LiveAck<StopEventResult>>;
  snapshot(): Promise<LiveSnapshot>;
  on<E extends keyof ServerToClientEvents>(event: E, listener: ServerToClientEvents[E]): void;
  /** Called on every (re)connect and after a sequence gap: fetch a snapshot then. */
  onResync(listener: () => void): void;
  onStatus(listener: (connected: boolean) => void): void;
  close(): void;
}

const ACK_TIMEOUT_MS = 8000;
const REORDER_WAIT_MS = 500;
const SEQUENCED = ['vehicles:moved', 'stop:updated', 'zone:cover-changed', 'plan:published', 'alert:changed'] as const;
type SequencedEvent = (typeof SEQUENCED)[number];
const RECONNECT_DELAY_MS = 500;

export function connectLive(): LiveLink {
  // WebSocket first: behind cluster mode's round-robin proxy a polling session would be split over
  // servers (it needs stickiness); polling stays the fallback where WebSockets are blocked.
  const socket: LiveSocket = io({
    withCredentials: true, transports: ['websocket', 'polling'], tryAllTransports: true,
    reconnectionDelay: RECONNECT_DELAY_MS, reconnectionDelayMax: 4000,
  });
  // A server going away says when to come back: wait that long (socket.io adds jitter) instead of
  // every page reconnecting at once to a server still shutting down.
  socket.on('server:shutdown', ({ retryAfterMs }) => { socket.io.reconnectionDelay(Math.max(RECONNECT_DELAY_MS, retryAfterMs)); });
  const resync = new Set<() => void>();
  const status = new Set<(connected: boolean) => void>();
  const listeners = new Map<string, Set<(payload: never) => void>>();
  // Pushed events reach the listeners in their room's order; one that arrives early (a cluster's
  // servers may deliver swapped) waits briefly for those before it, and only a gap that stays open
  // or a new epoch asks for a snapshot (server/contract/in-order.ts).
  const order = createInOrder<LiveEnvelope & { event: SequencedEvent }>({
    waitMs: REORDER_WAIT_MS,
    deliver: ({ event, ...payload }) => { for (const l of listeners.get(event) ?? []) l(payload as never); },
    onGap: () => { for (const l of resync) l(); },
  });
  for (const event of SEQUENCED) socket.on(event, ((payload: LiveEnvelope) => order.push({ ...payload, event })) as never);
  socket.on('connect', () => {
    socket.io.reconnectionDelay(RECONNECT_DELAY_MS);
    for (const l of status) l(true);
    for (const l of resync) l();
  });
  socket.on('disconnect', () => { for (const l of status) l(false); });

  return {
    connected: () => socket.connected,
    send(event, input) {
      if (!socket.connected) return Promise.reject(new Error('live socket not connected'));
      const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck(e: string, p: unknown): Promise<LiveAck<StopEventResult>> };
      return timed.emitWithAck(event, input);
    },
    async snapshot() {
      const reply = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('sync:request');
      if (!reply.ok) throw new ApiFailure(reply.error.code, reply.error.message, reply.error.field);
      // Held events after the snapshot are delivered on the next turn, after the caller applied it.
      const { epoch, v } = reply.data;
      setTimeout(() => order.reset(epoch, v), 0);
      return reply.data;
    },
    on(event, listener) {
      if (!(SEQUENCED as readonly string[]).includes(event)) { socket.on(event, listener as never); return; }
      const set = listeners.get(event) ?? listeners.set(event, new Set()).get(event)!;
      set.add(listener as (payload: never) => void);
    },
    onResync(listener) { resync.add(listener); },
    onStatus(listener) { status.add(listener); },
    close() { order.close(); socket.close(); },
  };
}
