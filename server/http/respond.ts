import type { NextFunction, Request, Response } from 'express';
import type { ApiError, ErrorCode } from '../contract';
import { AppError } from '../services/errors';
import type { Logger } from '../services/logger';
import { requestLogger } from './request-log';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export function sendOk(res: Response, data: unknown, status = 200): void {
  res.status(status).json({ ok: true, data });
}

export function sendError(res: Response, error: ApiError): void {
  res.status(STATUS[error.code]).json({ ok: false, error });
}

/** Maps anything thrown to the contract's error shape; unknown errors are logged, never leaked. */
export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) return;
    if (err instanceof AppError) {
      if (err.retryAfterS !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(err.retryAfterS))));
      sendError(res, { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) });
      return;
    }
    const bodyError = fromBodyParser(err);
    if (bodyError) {
      sendError(res, bodyError);
      return;
    }
    requestLogger(req, log).error({ err }, 'unhandled error');
    sendError(res, { code: 'INTERNAL', message: 'internal error' });
  };
}

// express.json() signals its own failures with a `type` on the error.
function fromBodyParser(err: unknown): ApiError | null {
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') {
    const limit = (err as { limit?: number }).limit;
    return { code: 'PAYLOAD_TOO_LARGE', message: `request body is larger than the ${limit ?? ''} byte limit`.replace('  ', ' '), field: 'body' };
  }
  if (type === 'entity.parse.failed') return { code: 'VALIDATION', message: 'request body is not valid JSON', field: 'body' };
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return { code: 'VALIDATION', message: 'request body encoding is not supported', field: 'body' };
  }
  // The router cannot decode a path parameter with a broken %-escape (found by the fuzz test):
  // the client's mistake, not ours.
  if (err instanceof URIError) return { code: 'VALIDATION', message: 'the URL path has a malformed %-escape', field: 'path' };
  // Any other error express or its parsers mark as the client's (4xx with exposable message).
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500 && (err as { expose?: unknown }).expose === true) {
    return { code: 'VALIDATION', message: String((err as { message?: unknown }).message || 'bad request') };
  }
  return null;
}
