import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  SESSION_COOKIE, type ApiError, type ClientToServerEvents, type LiveAck, type LiveHandshakeAuth, type ServerToClientEvents, type User,
} from '../contract';
import type { EdgeConfig, LiveConfig } from '../config';
import { socketOriginAllowed } from '../domain/origin';
import type { AuthService } from '../services/staff/auth-service';
import { hashToken } from '../services/staff/auth-service';
import { AppError } from '../services/errors';
import type { Logger } from '../services/logger';
import type { Store } from '../services/ports';
import type { LiveStore } from '../services/live/ports';
import type { LiveService } from '../services/live/live-service';
import type { Outbox } from '../services/live/outbox';
import { arriveSchema, deliverSchema, failSchema, moveSchema, parseLive } from './live-schemas';
import { createSequencer, type Sequencer } from './sequencer';
import { createSessionWatch, type WatchedConnection } from './session-watch';
import { createBoardPush } from './van-board-push';
import { createBoardBuilder } from '../services/live/van-board-view';
import { COORDINATORS, roomOf, viewOf } from '../services/live/rooms';

// The only socket.io importer: authenticates handshakes with the HTTP session, puts each socket in
// the one room its user may see, routes driver events to the live service and delivers its pushes.

interface SocketData {
  user: User;
  tokenHash: string;
  room: string;
}

type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface GatewayDeps {
  http: HttpServer;
  live: LiveService;
  auth: AuthService;
  /** The live feature's ports, and the sessions the connections are checked against. */
  store: LiveStore & Pick<Store, 'sessions'>;
  config: LiveConfig;
  now: () => Date;
  /** Each socket event's lines carry an id of its own (`reqId`), like an HTTP request's. */
  log: Logger;
  /** Origins allowed besides the server's own, and trusted proxies (for the handshake's scheme). */
  edge?: Pick<EdgeConfig, 'allowedOrigins' | 'trustProxy'>;
  /**
   * Cluster mode: the socket.io adapter shared with the other servers (their emits reach this
   * server's sockets and back) and the room sequences they share. Absent: this process alone.
   */
  cluster?: { adapter: NonNullable<ConstructorParameters<typeof Server>[1]>['adapter']; sequencer: Sequencer };
}

/** Driver and staff names, breakdowns: re-read for the board push at most this often. */
const BOARD_REFS_MAX_AGE_MS = 5000;
/** Lateness and silence grow with the clock: every row is rebuilt this often. */
const BOARD_SWEEP_MS = 15_000;

export function attachLiveGateway({ http, live, auth, store, config, now, log, cluster, edge }: GatewayDeps) {
  const allowedOrigins = edge?.allowedOrigins ?? [];
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(http, {
    serveClient: false,
    // A page on another site must not open a live socket with the user's cookie (issue 15): refused
    // at the handshake, before any session is read.
    allowRequest: (req, done) => {
      const allowed = socketOriginAllowed(req, allowedOrigins, edge?.trustProxy ?? false);
      done(allowed ? null : 'cross-site handshake refused', allowed);
    },
    // skipMiddlewares: false, so a recovered socket is authenticated again like a new one.
    connectionStateRecovery: { maxDisconnectionDuration: config.recoveryMs, skipMiddlewares: false },
    ...(cluster ? { adapter: cluster.adapter } : {}),
  });
  guardRecovery(io, store, now);
  const sequencer = cluster?.sequencer ?? createSequencer(randomUUID());
  const envelopeOf = (room: string, v: number) => ({ room, v, epoch: sequencer.epoch });
  const outbox: Outbox = {
    send(event, rooms, build) {
      // Rooms with nobody in them still count: a socket recovering later replays those packets.
      for (const room of new Set(rooms)) {
        const payload = build(viewOf(room));
        if (!payload) continue;
        // Through the adapter: in a cluster the room's sockets on every server hear it.
        sequencer.stamp(room, (v) => (io.to(room).emit as (e: string, p: unknown) => boolean)(event, { ...payload, ...envelopeOf(room, v) }));
      }
    },
    transient(event, rooms, payload) {
      // Every server hears every plan's progress (server/services/plans/plan-events.ts) and tells its own
      // sockets. volatile: a socket that cannot take it now misses it (the next progress supersedes it).
      for (const room of new Set(rooms)) (io.local.to(room).volatile.emit as (e: string, p: unknown) => boolean)(event, payload);
    },
    envelope(room) {
      const v = sequencer.current(room);
      return typeof v === 'number' ? envelopeOf(room, v) : v.then((n) => envelopeOf(room, n));
    },
  };
  live.attach(outbox);
  // LIVE_BOARD_PUSH_MS=0: no push (pages then see the board as of their last read).
  const board = config.boardPushMs === 0 ? null : createBoardPush({
    build: createBoardBuilder({ store, live, config, now }, BOARD_REFS_MAX_AGE_MS),
    rooms: () => [...io.of('/').adapter.rooms.keys()].filter((r) => r === COORDINATORS || r.startsWith('district:')),
    emit: (room, event) => io.local.to(room).emit('vans:board', event),
    intervalMs: config.boardPushMs ?? 1000, sweepMs: BOARD_SWEEP_MS, log,
  });
  const stopBoard = live.onVanChanged((id) => board?.touch(id));
  const watch = createSessionWatch({
    store, onSessionsEnded: auth.onSessionsEnded, intervalMs: config.revalidateMs, now, log,
  });

  io.use(async (socket, next) => {
    try {
      const token = (socket.handshake.auth as LiveHandshakeAuth | undefined)?.token
        ?? readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
      if (!token) throw new AppError('UNAUTHENTICATED', 'log in first: no session cookie or auth.token');
      const user = await auth.authenticate(token);
      if (!user) throw new AppError('UNAUTHENTICATED', 'the session is unknown, expired or revoked: log in again');
      const room = roomOf(user);
      if (!room) throw new AppError('FORBIDDEN', 'this login is bound to no district or van: there is nothing live to watch');
      socket.data = { user, tokenHash: hashToken(token), room };
      next();
    } catch (err) {
      const error = toApiError(err, log, { reqId: randomUUID(), event: 'handshake' });
      next(Object.assign(new Error(error.message), { data: error }));
    }
  });

  io.on('connection', (socket: LiveSocket) => {
    const { user, room } = socket.data;
    // A recovered socket comes back with its old rooms: leave them, join what the user may see now.
    for (const r of socket.rooms) if (r !== socket.id && r !== room) void socket.leave(r);
    void socket.join(room);
    if (user.vehicleId && user.role === 'driver') live.warm(user.vehicleId);
    const connection: WatchedConnection = {
      tokenHash: socket.data.tokenHash, user,
      end(reason) {
        socket.emit('session:ended', { reason });
        socket.disconnect(true);
      },
    };
    watch.add(connection);
    socket.on('disconnect', () => watch.remove(connection));
    // Payloads are validated here, at the edge, like HTTP bodies; the live service gets typed input.
    const who = { socket: socket.id, userId: user.id };
    socket.on('vehicle:move', (input, ack) => answer('vehicle:move', who, input, ack, async (i) => live.move(user, parseLive(moveSchema, i))));
    socket.on('stop:arrive', (input, ack) => answer('stop:arrive', who, input, ack, async (i) => live.stop(user, 'arrived', parseLive(arriveSchema, i))));
    socket.on('stop:deliver', (input, ack) => answer('stop:deliver', who, input, ack, async (i) => live.stop(user, 'delivered', parseLive(deliverSchema, i))));
    socket.on('stop:fail', (input, ack) => answer('stop:fail', who, input, ack, async (i) => live.stop(user, 'failed', parseLive(failSchema, i))));
    socket.on('sync:request', (ack) => answer('sync:request', who, undefined, ack, () => live.snapshot(room)));
  });

  // Driver events being handled: shutdown waits for them so that what was written gets acked.
  const handling = new Set<Promise<unknown>>();

  /**
   * Runs a handler and acks its result or its error in the contract's shape (never a stack). Each
   * event gets a request id for its log lines (fields, not a child logger: GPS fixes are the hot path).
   */
  function answer<T>(event: string, who: { socket: string; userId: string }, input: unknown, ack: unknown, run: (input: unknown) => Promise<T>) {
    // A client that sent no payload puts its ack first.
    const reply = (typeof ack === 'function' ? ack : typeof input === 'function' ? input : null) as ((r: LiveAck<T>) => void) | null;
    const payload = typeof input === 'function' ? undefined : input;
    const fields = { reqId: randomUUID(), event, ...who };
    const started = performance.now();
    const done = run(payload).then(
      (data) => {
        log.debug({ ...fields, ok: true, ms: Math.round(performance.now() - started) }, 'socket event');
        reply?.({ ok: true, data });
      },
      (err: unknown) => {
        const error = toApiError(err, log, fields);
        log.debug({ ...fields, ok: false, code: error.code, ms: Math.round(performance.now() - started) }, 'socket event');
        reply?.({ ok: false, error });
      },
    );
    handling.add(done);
    void done.finally(() => handling.delete(done));
  }

  return {
    io,
    /** Tells every connected client the server is going away and when to come back. */
    announceShutdown(retryAfterMs: number) {
      // Only this server's clients: the others' servers stay up.
      io.local.emit('server:shutdown', { retryAfterMs });
    },
    /**
     * Closes every socket (clients see a transport close and reconnect, to this server restarted or
     * another), lets driver events already received finish, then writes the buffered GPS fixes.
     */
    async close() {
      watch.close();
      stopBoard();
      board?.close();
      await io.close();
      await Promise.allSettled([...handling]);
      await live.close();
    },
  };
}

function toApiError(err: unknown, log: Logger, fields: Record<string, unknown>): ApiError {
  if (err instanceof AppError) return { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) };
  log.error({ ...fields, err }, 'live: unhandled error');
  return { code: 'INTERNAL', message: 'internal error' };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

interface RecoverableAdapter {
  restoreSession(pid: string, offset: string): Promise<{ data?: Partial<SocketData> } | null>;
}

/**
 * socket.io writes a recovered session's missed packets while it builds the socket, before any
 * middleware runs. So the adapter itself re-checks the stored session: recovery (and the replay)
 * happens only while that session is valid and its user still belongs in the same room; otherwise
 * the client connects afresh and resyncs by snapshot.
 */
function guardRecovery(io: Server, store: Pick<Store, 'sessions'>, now: () => Date) {
  const adapter = io.of('/').adapter as unknown as RecoverableAdapter;
  const restore = adapter.restoreSession.bind(adapter);
  adapter.restoreSession = async (pid, offset) => {
    const session = await restore(pid, offset);
    const data = session?.data;
    if (!session || !data?.tokenHash || !data.room) return null;
    const users = await store.sessions.validUsers([data.tokenHash], now().toISOString());
    const user = users.get(data.tokenHash);
    return user && roomOf(user) === data.room ? session : null;
  };
}
