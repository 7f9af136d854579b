import type { ApiResult, ApiRoutes, BodyOf, ErrorCode, ReplyOf, RouteKey } from '../../server/contract';

/** Names of the `:params` in a route key, e.g. 'GET /api/zones/:id' → 'id'. */
type ParamNames<S extends string> =
  S extends `${string}:${infer P}/${infer Rest}` ? P | ParamNames<`/${Rest}`>
  : S extends `${string}:${infer P}` ? P
  : never;

type QueryOf<K extends RouteKey> = ApiRoutes[K] extends { query: infer Q } ? Q : never;

export type RequestOptions<K extends RouteKey> =
  ([ParamNames<K>] extends [never] ? { params?: undefined } : { params: Record<ParamNames<K>, string> })
  & ([BodyOf<K>] extends [never] ? { body?: undefined } : { body: BodyOf<K> })
  & ([QueryOf<K>] extends [never] ? { query?: undefined } : { query?: QueryOf<K> });

type RequestArgs<K extends RouteKey> = {} extends RequestOptions<K> ? [options?: RequestOptions<K>] : [options: RequestOptions<K>];

export type ClientErrorCode = ErrorCode | 'NETWORK';

/** A refused or failed call: `code` from the contract's closed union, `message` as the server wrote it. */
export class ApiFailure extends Error {
  /** `route`: the call that was refused ('POST /api/sessions' …), so a refusal can be worded for it. */
  constructor(readonly code: ClientErrorCode, message: string, readonly field?: string, readonly route?: string) {
    super(message);
    this.name = 'ApiFailure';
  }
}

let onUnauthenticated: (() => void) | null = null;

/** Called once when any call answers UNAUTHENTICATED (the session expired): the router sends the user to /login. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export function buildPath(key: string, params: Record<string, string> = {}, query: object = {}): string {
  const path = key.slice(key.indexOf(' ') + 1).replace(/:(\w+)/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${key}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) search.set(name, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Calls one route of the contract with the session cookie (same origin). */
export async function request<K extends RouteKey>(key: K, ...args: RequestArgs<K>): Promise<ReplyOf<K>> {
  const options = (args[0] ?? {}) as { params?: Record<string, string>; body?: unknown; query?: object };
  const method = key.slice(0, key.indexOf(' '));
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | undefined;
  if (options.body !== undefined) {
    const isText = typeof options.body === 'string';
    headers['content-type'] = isText ? 'text/csv' : 'application/json';
    body = isText ? (options.body as string) : JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(buildPath(key, options.params, options.query), { method, headers, body, credentials: 'same-origin' });
  } catch (err) {
    throw new ApiFailure('NETWORK', err instanceof Error ? err.message : String(err), undefined, key);
  }
  let result: ApiResult<ReplyOf<K>>;
  try {
    result = (await response.json()) as ApiResult<ReplyOf<K>>;
  } catch {
    throw new ApiFailure(response.ok ? 'INTERNAL' : 'NETWORK', `HTTP ${response.status}: the reply is not JSON`, undefined, key);
  }
  if (result.ok) return result.data;
  if (result.error.code === 'UNAUTHENTICATED' && key !== 'POST /api/sessions' && key !== 'GET /api/me') onUnauthenticated?.();
  throw new ApiFailure(result.error.code, result.error.message, result.error.field, key);
}
