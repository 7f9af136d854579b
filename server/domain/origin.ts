// Which origin may act with the user's cookie (issue 15, item 4): the rule both edges apply, the HTTP
// origin guard (server/http/origin-guard.ts) and the socket handshake (server/live/socket-gateway.ts).
// Pure: it reads the headers it is given (Node's IncomingMessage fits the shapes below).

export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;
/** What the handshake check reads of a raw request. */
export interface RawRequest {
  headers: RequestHeaders;
  socket: object;
}

/** The origin a request names: Origin, else Referer's origin; null when it names none. */
export function claimedOrigin(headers: RequestHeaders): string | null {
  const origin = headers.origin;
  if (typeof origin === 'string' && origin !== '') return origin;
  const referer = headers.referer;
  if (typeof referer === 'string' && referer !== '') {
    try { return new URL(referer).origin; } catch { return 'null'; }
  }
  return null;
}

/** Is `origin` this server as reached at `host` over `protocol`, or one of `allowed`? "null" never is. */
export function isOwnOrigin(origin: string, host: string | undefined, protocol: string, allowed: readonly string[]): boolean {
  let url: URL;
  try { url = new URL(origin); } catch { return false; }
  // An opaque origin ("null": sandboxed frames, data: URLs, some redirects) parses to "null" too.
  if (url.origin === 'null') return false;
  if (allowed.includes(url.origin)) return true;
  if (!host) return false;
  let own: URL;
  try { own = new URL(`${protocol}://${host}`); } catch { return false; }
  return own.origin === url.origin;
}

/**
 * For socket.io's allowRequest: a handshake naming a foreign origin is refused (a browser always
 * names its page's); one naming none (a device, a script) goes on to the session check.
 */
export function socketOriginAllowed(req: RawRequest, allowedOrigins: readonly string[], trustProxy: boolean | number | string): boolean {
  const origin = claimedOrigin(req.headers);
  if (origin === null) return true;
  const host = typeof req.headers.host === 'string' ? req.headers.host : undefined;
  return isOwnOrigin(origin, host, requestProtocol(req, trustProxy), allowedOrigins);
}

/** The scheme a raw request came over; X-Forwarded-Proto counts only when proxies are trusted. */
function requestProtocol(req: RawRequest, trustProxy: boolean | number | string): string {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const forwarded = req.headers['x-forwarded-proto'];
  if (trustProxy !== false && trustProxy !== 0 && typeof forwarded === 'string' && forwarded) return forwarded.split(',')[0]!.trim();
  return encrypted ? 'https' : 'http';
}
