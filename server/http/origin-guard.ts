import type { NextFunction, Request, Response } from 'express';
import { SESSION_COOKIE } from '../contract';
import { claimedOrigin, isOwnOrigin } from '../domain/origin';
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

// The rule itself (which origin is this server's) is server/domain/origin.ts, shared with the socket edge.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

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
