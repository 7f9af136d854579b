import { cheapestInsertion, drawBlink, type InsertionChoice } from './insertion';
import type { Rng } from './rng';
import { Ruiner } from './ruin';
import { RouteState } from './state';
import type { SearchParams } from './types';

/**
 * SISR parameters (Christiaens & Vanden Berghe 2020); temperatures are fractions of the mean edge
 * of the start solution. startTemperature and splitDepth (beta, the split-string stop probability,
 * the paper's 0.01) were confirmed on generated X-style instances, not on the benchmark, by
 * scripts/tune-routing.ts (6 instances, n 100-300, 400k iterations, 2 seeds): T0 1 with beta 0.01
 * had the lowest mean, 0.20 % above the best found; T0 0.3 or 3 and beta 0.1 were within noise
 * (+0.04 to +0.07 points), T0 0.1 was 0.6-1.3 points worse, beta 0.5 +0.07 to +1.3. See the README.
 */
export const DEFAULT_PARAMS: SearchParams = {
  meanRemoved: 10,
  maxStringLength: 10,
  splitRate: 0.5,
  splitDepth: 0.01,
  blinkRate: 0.01,
  startTemperature: 1,
  endTemperature: 0.005,
  neighbours: 50,
  polishBest: true,
};

export interface SearchLimits {
  maxIterations: number;
  deadlineMs: number;
  now: () => number;
}

export interface SearchOutcome {
  iterations: number;
  improvements: number;
}

/** SISR recreate order weights: random, largest first, farthest first, closest first. */
const ORDER_WEIGHTS = [4, 4, 2, 1];

function sortRemoved(s: RouteState, rng: Rng, list: Int32Array, n: number): void {
  let r = rng.next() * 11;
  let mode = 0;
  while (mode < 3 && r >= ORDER_WEIGHTS[mode]!) r -= ORDER_WEIGHTS[mode++]!;
  if (mode === 0) {
    for (let i = n - 1; i > 0; i--) {
      const k = rng.int(i + 1);
      const t = list[i]!;
      list[i] = list[k]!;
      list[k] = t;
    }
    return;
  }
  const key = mode === 1 ? s.c.jobSize : s.c.jobDepotDist;
  const sign = mode === 3 ? 1 : -1;
  // Insertion sort: lists are ~10 long, and it allocates nothing.
  for (let i = 1; i < n; i++) {
    const x = list[i]!;
    const kx = sign * key[x]!;
    let k = i - 1;
    while (k >= 0 && sign * key[list[k]!]! > kx) {
      list[k + 1] = list[k]!;
      k--;
    }
    list[k + 1] = x;
  }
}

/** Puts every job in `list` back at its cheapest feasible place; those that fit nowhere stay out. */
export function recreate(s: RouteState, rng: Rng, blink: number, list: Int32Array, n: number, choice: InsertionChoice): void {
  for (let i = 0; i < n; i++) {
    const j = list[i]!;
    if (cheapestInsertion(s, j, rng, blink, choice)) s.insert(j, choice.slot, choice.pos);
  }
}

/**
 * Adds up to `max` currently unassigned jobs after the first `n` entries of list, scanning from a
 * random job. A sample rather than all of them keeps iterations cheap when the fleet is too small.
 */
function appendUnassigned(s: RouteState, rng: Rng, list: Int32Array, n: number, max: number): number {
  const J = s.c.jobCount;
  let missing = J - s.assigned - n;
  if (missing <= 0) return n;
  const start = rng.int(J);
  for (let k = 0; k < J && missing > 0 && max > 0; k++) {
    const j = (start + k) % J;
    if (s.jobSlot[j]! >= 0) continue;
    let seen = false;
    for (let i = 0; i < n && !seen; i++) seen = list[i] === j;
    if (seen) continue;
    list[n++] = j;
    missing--;
    max--;
  }
  return n;
}

/**
 * Ruin-and-recreate with simulated-annealing acceptance (SISR). `work` holds the start solution
 * and receives the best one found. Temperature is relative to the mean edge of the start
 * solution so the same parameters work for metres and for TSPLIB units.
 */
export function annealing(
  work: RouteState, rng: Rng, p: SearchParams, limits: SearchLimits,
  polish: (s: RouteState, focus: Int32Array, focusCount: number) => void,
): SearchOutcome {
  const c = work.c;
  const current = new RouteState(c);
  const best = new RouteState(c);
  current.copyFrom(work);
  best.copyFrom(work);
  work.clearTouched();
  let trips = 0;
  for (let u = 0; u < work.usedCount; u++) trips += work.tripCount[work.used[u]!]!;
  const meanEdge = work.distance / Math.max(1, work.assigned + trips) || 1;
  const t0 = p.startTemperature * meanEdge;
  const tf = p.endTemperature * meanEdge;
  const ruiner = new Ruiner(c.vehicleCount * c.maxTrips);
  const list = new Int32Array(c.jobCount);
  const choice: InsertionChoice = { slot: -1, pos: -1, delta: 0, untilBlink: drawBlink(rng, p.blinkRate) };
  const startMs = limits.now();
  const spanMs = limits.deadlineMs - startMs;
  let timeFraction = 0;
  let currentCost = current.cost();
  let bestCost = best.cost();
  let improvements = 0;
  let it = 0;
  for (; it < limits.maxIterations; it++) {
    if (Number.isFinite(limits.deadlineMs)) {
      const nowMs = limits.now();
      // Construction may already have used up the time; never divide by a spent span.
      if (nowMs >= limits.deadlineMs) break;
      timeFraction = (nowMs - startMs) / spanMs;
    }
    // With an iteration cap the schedule ignores the clock, so a run that reaches the cap
    // before the deadline is reproducible; the deadline then only cuts it short.
    const progress = Number.isFinite(limits.maxIterations) ? it / limits.maxIterations : timeFraction;
    const temperature = t0 * Math.pow(tf / t0, progress);
    let n = ruiner.ruin(work, rng, p, list);
    n = appendUnassigned(work, rng, list, n, Math.ceil(p.meanRemoved));
    sortRemoved(work, rng, list, n);
    recreate(work, rng, p.blinkRate, list, n, choice);
    const cost = work.cost();
    if (cost < currentCost - temperature * Math.log(rng.next())) {
      if (cost < bestCost - 1e-9) {
        if (p.polishBest) polish(work, list, n);
        improvements++;
        best.copyFrom(work);
        bestCost = work.cost();
      }
      current.syncFrom(work, work);
      currentCost = work.cost();
    } else {
      work.syncFrom(current, work);
    }
    work.clearTouched();
  }
  work.copyFrom(best);
  work.resyncDistance();
  return { iterations: it, improvements };
}
