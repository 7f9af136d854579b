import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Logger } from '../services/logger';

// Every HTTP request gets an id: the caller's `x-request-id` (a proxy's, or a device retrying) when it
// looks like one, else a fresh UUID. It is echoed on the reply and carried by every line logged for
// the request, so a user's "it failed" with the id from the reply finds the server's side of it.

/** Visible ASCII without spaces or quotes, at most 128: a header must not forge log lines or bloat them. */
const ACCEPTED_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

const loggers = new WeakMap<Request, Logger>();

export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const reqId = given !== undefined && ACCEPTED_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', reqId);
    const reqLog = log.child({ reqId });
    loggers.set(req, reqLog);
    const started = performance.now();
    // 'close' also comes for a client that hung up before the answer (then `aborted`).
    res.once('close', () => {
      reqLog.info({
        method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode,
        ms: Math.round(performance.now() - started), ...(res.writableFinished ? {} : { aborted: true }),
      }, 'request');
    });
    next();
  };
}

/** The logger of a request that went through requestLog (its lines carry the request id); else `fallback`. */
export function requestLogger(req: Request, fallback: Logger): Logger {
  return loggers.get(req) ?? fallback;
}
