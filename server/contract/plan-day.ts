import type { BoardDay } from './live';

// Whether a plan's day runs: a rule the server's van board and the driver's phone both apply, so it
// sits in the contract (the web imports nothing else from the server). Callers bring the instants.

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Where `nowMs` falls against a plan day starting at local midnight `dayStartMs`. The day is over once
 * the next midnight and the last planned stop (`lastPlannedMs`: a night shift runs on) have both passed.
 */
export function planDayAt(nowMs: number, dayStartMs: number, lastPlannedMs: number): BoardDay {
  if (nowMs < dayStartMs) return 'future';
  return nowMs >= Math.max(dayStartMs + DAY_MS, lastPlannedMs) ? 'past' : 'today';
}
