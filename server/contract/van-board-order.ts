import type { BoardDay, VanBoardRow, VanState } from './live';

// The van board's order, run by the server when it builds the board and by the page when it applies a
// pushed change: a protocol rule both sides share, so it sits in the contract.

// Today's vans are the ones a dispatcher can still act on; a plan day to come next, one that is over last.
const DAY_RANK: Record<BoardDay, number> = { today: 0, future: 1, past: 2 };
const STATE_RANK: Record<VanState, number> = { en_route: 2, at_stop: 2, at_depot: 2, broken_down: 1, not_started: 3, done: 4 };

// Never heard from counts as silent for a day: sorts before any real silence, and stays a number.
const silentFor = (r: VanBoardRow) => (r.silent ? r.positionAgeS ?? 86_400 : 0);

// One collator: localeCompare with a locale builds one per call (a city board sorts thousands of rows).
const byName = new Intl.Collator('zh-CN').compare;

/**
 * Vans whose plan day runs before the others; among them late and silent vans first (latest first, then
 * longest silent), then broken ones, vans under way, not started, done.
 */
export function sortBoard(rows: readonly VanBoardRow[]): VanBoardRow[] {
  const rank = (r: VanBoardRow) => (r.late || r.silent ? 0 : STATE_RANK[r.state]);
  return [...rows].sort((a, b) => DAY_RANK[a.day] - DAY_RANK[b.day]
    || rank(a) - rank(b)
    || b.minutesLate - a.minutesLate
    || silentFor(b) - silentFor(a)
    || byName(a.name, b.name));
}
