import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, LiveAck, ServerToClientEvents } from '../server/contract';

// A device's view of the server for scripts: HTTP login and calls, a typed socket, and a send that
// retries with the same idempotency key until it gets an ack, as a phone in a dead spot would.

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function http<T>(base: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; data: T; error?: { code: string; message: string } }> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as { data: T; error?: { code: string; message: string } };
  return { status: res.status, data: json.data, error: json.error };
}

export async function login(base: string, username: string, password: string): Promise<string | null> {
  const r = await http<{ token: string }>(base, 'POST', '/api/sessions', undefined, { username, password });
  return r.status === 201 ? r.data.token : null;
}

export function openSocket(base: string, token: string): LiveSocket {
  return io(base, { auth: { token }, transports: ['websocket'], reconnectionDelay: 200, reconnectionDelayMax: 2000 });
}

export const newKey = () => randomUUID();

/** Sends until acked (same payload, so the same key): at most `tries` times, `timeoutMs` apart. */
export async function sendReliably<T>(socket: LiveSocket, event: keyof ClientToServerEvents, payload: unknown, tries = 6, timeoutMs = 5000): Promise<LiveAck<T>> {
  let last: unknown;
  for (let i = 0; i < tries; i++) {
    try {
      const timed = socket.timeout(timeoutMs);
      return await (timed.emitWithAck as unknown as (e: string, p: unknown) => Promise<LiveAck<T>>).call(timed, event, payload);
    } catch (err) {
      last = err;
    }
  }
  throw new Error(`${event}: no ack after ${tries} tries (${String(last)})`);
}
