import { pino, type DestinationStream } from 'pino';
import type { LogLevel } from './config';
import type { Logger } from './services/logger';

/**
 * The process's logger: JSON lines (pino) on stdout, or on `destination`, at `level` (LOG_LEVEL).
 * `name` tells servers from planner workers when their lines are gathered together.
 */
export function createLogger(level: LogLevel, options: { name?: string; destination?: DestinationStream } = {}): Logger {
  const settings = { level, name: options.name };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
