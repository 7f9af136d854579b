import type { Request } from 'express';
import { SESSION_COOKIE, type User } from '../contract';
import type { AuthService } from '../services/staff/auth-service';
import { AppError } from '../services/errors';
import type { RouteDef } from './route-def';

/** The session token from `Authorization: Bearer` (devices) or the session cookie (web). */
export function tokenOf(req: Request): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return readCookie(req.headers.cookie, SESSION_COOKIE);
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** The client's address: the TCP peer, or what trusted proxies forwarded (express 'trust proxy', TRUST_PROXY). */
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? '';
}

/** Resolves the caller and enforces the route's roles; scope checks follow in the services. */
export async function authorise(def: RouteDef, req: Request, auth: AuthService): Promise<{ actor: User | null; token: string | null }> {
  const token = tokenOf(req);
  if (def.roles === 'public') return { actor: null, token };
  if (!token) throw new AppError('UNAUTHENTICATED', 'log in first: no session cookie or bearer token');
  const actor = await auth.authenticate(token);
  if (!actor) throw new AppError('UNAUTHENTICATED', 'the session is unknown, expired or revoked: log in again');
  if (!def.roles.includes(actor.role)) throw new AppError('FORBIDDEN', `role "${actor.role}" may not call ${def.key}`);
  return { actor, token };
}
