// The logging port every service, the HTTP edge and the live layer write to: structured (fields first,
// then the message), in pino's calling shape, so the composition root hands in a pino logger
// (server/logger.ts) and tests a silent or capturing one. Required wherever it is taken: a failure
// no request answers for (an alert evaluation, a plan that failed at shutdown) must reach the log.

export interface LogFn {
  (fields: object, msg?: string): void;
  (msg: string): void;
}

export interface Logger {
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
  /** A logger whose lines all carry `bindings` (a request id, a plan id, a component). */
  child(bindings: Record<string, unknown>): Logger;
}
