import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents, LiveAck, LiveEnvelope, LiveSnapshot, ServerToClientEvents, StopArriveInput, StopDeliverInput,
  StopEventResult, StopFailInput,
} from '../../../server/contract';

// The only socket.io-client importer: one socket per page, authenticated by the session cookie (same origin),
// in the one room the server puts this user in. Pushed events carry the room's sequence `v` and `epoch`: a gap
// or a new epoch means something was missed, so `onResync` listeners fetch a fresh snapshot.

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface StopEvents {
  'stop:arrive': StopArriveInput;
  'stop:deliver': StopDeliverInput;
  'stop:fail': StopFailInput;
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

export function connectLive(): LiveLink {
  const socket: LiveSocket = io({ withCredentials: true, reconnectionDelay: 500, reconnectionDelayMax: 4000 });
  const resync = new Set<() => void>();
  const status = new Set<(connected: boolean) => void>();
  let last: { epoch: string; v: number } | null = null;

  function track(envelope: LiveEnvelope): void {
    const gap = !last || last.epoch !== envelope.epoch || envelope.v !== last.v + 1;
    last = { epoch: envelope.epoch, v: envelope.v };
    if (gap) for (const listener of resync) listener();
  }
  for (const event of ['vehicle:moved', 'stop:updated', 'zone:cover-changed', 'plan:published', 'alert:changed'] as const) {
    socket.on(event, track as never);
  }
  socket.on('connect', () => { for (const l of status) l(true); for (const l of resync) l(); });
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
      if (!reply.ok) throw new Error(reply.error.message);
      last = { epoch: reply.data.epoch, v: reply.data.v };
      return reply.data;
    },
    on(event, listener) { socket.on(event, listener as never); },
    onResync(listener) { resync.add(listener); },
    onStatus(listener) { status.add(listener); },
    close() { socket.close(); },
  };
}
