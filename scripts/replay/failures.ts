// The failures a replay injects, picked from a seed before the replay starts (never tuned to a
// result): a van breaks down one day, a handoff fails another, a depot is short of eggs a third.
// Only days with something to deliver are candidates; with fewer such days, failures share a day.

import { mulberry32 } from '../gen-city';

export interface FailureSchedule {
  breakdown: { date: string; pick: number } | null;
  failedHandoff: { date: string; pick: number } | null;
  eggsShort: { date: string; pick: number; fraction: number } | null;
}

/** The egg stock a short depot keeps that day. */
export const EGGS_SHORT_FRACTION = 0.25;


export function scheduleFailures(activeDays: readonly string[], seed: number, enabled = true): FailureSchedule {
  if (!enabled || activeDays.length === 0) return { breakdown: null, failedHandoff: null, eggsShort: null };
  const rng = mulberry32(seed);
  // Distinct days while there are enough of them.
  const pool = [...activeDays];
  const take = () => {
    const source = pool.length > 0 ? pool : activeDays;
    const i = Math.floor(rng() * source.length);
    const date = source[i]!;
    if (pool.length > 0) pool.splice(i, 1);
    return date;
  };
  return {
    breakdown: { date: take(), pick: rng() },
    failedHandoff: { date: take(), pick: rng() },
    eggsShort: { date: take(), pick: rng(), fraction: EGGS_SHORT_FRACTION },
  };
}

/** `pick` ∈ [0,1) chooses one of `items` (sorted by the caller so the choice is stable). */
export function choose<T>(items: readonly T[], pick: number): T | undefined {
  return items.length ? items[Math.min(items.length - 1, Math.floor(pick * items.length))] : undefined;
}
