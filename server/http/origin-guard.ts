import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { SESSION_COOKIE } from '../contract';
import { readCookie } from './auth-middleware';
import { sendError } from './respond';

// Cross-site request refusal by origin (issue 15, item 4). A browser names the page that started a
// request in Origin (or, on older paths, Referer); a page on another site, another port of this host,
// or a sandboxed frame ("null") must not write with the user's cookie. Devices, scripts and bearer
// clients send neither header, or carry no cookie to abuse, so they pass untouched: the check needs no
// token of its own. The server's own origin is the one the request was sent to: the Host header with
// the scheme it arrived over (X-Forwarded-Proto only from proxies TRUST_PROXY trusts). Through the
// cluster's TCP proxy the browser's Host is the proxy's, as is its Origin; behind a proxy that rewrites
// Host, list the public origin in ALLOWED_ORIGINS.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin a request names: Origin, else Referer's origin; null when it names none. */
export function claimedOrigin(headers: IncomingMessage['headers']): string | null {
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

export interface OriginGuardOptions {
  allowedOrigins: readonly string[];
}

/** Express middleware: refuses state-changing requests from foreign origins with 403 before any handler runs. */
export function originGuard({ allowedOrigins }: OriginGuardOptions) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = claimedOrigin(req.headers);
    if (origin === null) return next();
    // A bearer client without the cookie cannot be riding a user's browser session.
    const bearer = req.headers.authorization?.startsWith('Bearer ');
    if (bearer && readCookie(req.headers.cookie, SESSION_COOKIE) === null) return next();
    if (isOwnOrigin(origin, req.headers.host, req.protocol, allowedOrigins)) return next();
    sendError(res, {
      code: 'FORBIDDEN', field: req.headers.origin ? 'headers.origin' : 'headers.referer',
      message: `cross-site request refused: origin "${origin.slice(0, 200)}" is not this server's (跨站请求被拒绝)`,
    });
  };
}

/**
 * For socket.io's allowRequest: a handshake naming a foreign origin is refused (a browser always
 * names its page's); one naming none (a device, a script) goes on to the session check.
 */
export function socketOriginAllowed(req: IncomingMessage, allowedOrigins: readonly string[], trustProxy: boolean | number | string): boolean {
  const origin = claimedOrigin(req.headers);
  if (origin === null) return true;
  return isOwnOrigin(origin, req.headers.host, requestProtocol(req, trustProxy), allowedOrigins);
}

/** The scheme a raw request came over; X-Forwarded-Proto counts only when proxies are trusted. */
function requestProtocol(req: IncomingMessage, trustProxy: boolean | number | string): string {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const forwarded = req.headers['x-forwarded-proto'];
  if (trustProxy !== false && trustProxy !== 0 && typeof forwarded === 'string' && forwarded) return forwarded.split(',')[0]!.trim();
  return encrypted ? 'https' : 'http';
}
