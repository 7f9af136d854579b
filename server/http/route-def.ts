import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { ReplyOf, Role, RouteKey, User } from '../contract';

export interface RouteContext<B, Q> {
  /** Null only on public routes. */
  actor: User | null;
  params: Record<string, string>;
  body: B;
  query: Q;
  req: Request;
  res: Response;
  /** Bearer token of this request's session, when there is one. */
  token: string | null;
}

/**
 * One HTTP route: the same object registers the express handler and describes the route in
 * /api/openapi.json, so validation and documentation cannot disagree.
 */
export interface RouteDef<K extends RouteKey = RouteKey, B = unknown, Q = unknown> {
  key: K;
  summary: string;
  /** Roles that may call the route at all; finer scope checks happen in the services. */
  roles: readonly Role[] | 'public';
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** Raw text bodies (CSV) are read as a string instead of JSON. */
  bodyKind?: 'json' | 'text';
  successStatus?: number;
  /** 'csv': the handler's string is sent as text/csv itself, not in the JSON envelope (errors stay JSON). */
  replyKind?: 'json' | 'csv';
  handler: (ctx: RouteContext<B, Q>) => Promise<ReplyOf<K>>;
}

export function route<K extends RouteKey, B = undefined, Q = Record<string, never>>(
  def: RouteDef<K, B, Q>,
): RouteDef<RouteKey, unknown, unknown> {
  return def as unknown as RouteDef<RouteKey, unknown, unknown>;
}

export function splitKey(key: RouteKey): { method: 'get' | 'post' | 'put' | 'patch' | 'delete'; path: string } {
  const [method, path] = key.split(' ') as [string, string];
  return { method: method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete', path };
}
