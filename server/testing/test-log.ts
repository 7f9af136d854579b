import { Writable } from 'node:stream';
import { loadTestSettings } from '../config';
import { createLogger } from '../logger';
import type { Logger } from '../services/logger';

// Loggers for tests: quiet by default (TEST_LOG_LEVEL=debug shows a failing test's server side), or
// capturing, for tests that check what was logged.

export function testLogger(): Logger {
  return createLogger(loadTestSettings().logLevel, { name: 'test' });
}

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A real pino logger at `level` whose lines are parsed into `lines` (synchronously: no wait for a flush). */
export function capturingLogger(level: 'debug' | 'info' = 'debug'): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { log: createLogger(level, { name: 'test', destination }), lines };
}
