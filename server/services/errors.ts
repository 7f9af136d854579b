import type { ErrorCode } from '../contract';

/** An expected failure that the HTTP edge turns into a 4xx with this code and message. */
export class AppError extends Error {
  constructor(
    readonly code: Exclude<ErrorCode, 'INTERNAL'>,
    message: string,
    readonly field?: string,
    /** RATE_LIMITED: seconds until the caller may try again (sent as Retry-After). */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: string, field?: string) =>
  new AppError('NOT_FOUND', `${field ? `${field}: ` : ''}${what} "${id}" does not exist`, field);

export const forbidden = (message: string) => new AppError('FORBIDDEN', message);

/**
 * The store's word that a row with the same unique key is already stored (mapped from the database's
 * unique violation by the repository, so use cases need not know the database's errors).
 */
export class DuplicateError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'DuplicateError';
  }
}
