import type { Rng } from './rng';
import type { RouteState } from './state';

/** Result slots of a cheapest-insertion search, reused across calls to keep the hot loop allocation-free. */
export interface InsertionChoice {
  slot: number;
  pos: number;
  delta: number;
  /** Positions left before the next blink; geometric, so one random draw covers ~1/blink positions. */
  untilBlink: number;
}

export function drawBlink(rng: Rng, blink: number): number {
  return blink > 0 ? Math.floor(Math.log(1 - rng.next()) / Math.log(1 - blink)) : Infinity;
}

function fitsCapacity(s: RouteState, j: number, slot: number, v: number): boolean {
  const { dims: D, jobAmt, vehCap } = s.c;
  for (let d = 0; d < D; d++) {
    if (s.load[slot * D + d]! + jobAmt[j * D + d]! > vehCap[v * D + d]! + 1e-9) return false;
  }
  return true;
}

/** O(1) timing check of j between positions pos-1 and pos of a trip, using the latest-start bounds. */
function fitsTime(s: RouteState, j: number, slot: number, pos: number, v: number): boolean {
  const c = s.c;
  const { dur, size, jobLoc, jobSvc, jobEarly, jobLate } = c;
  const f = c.vehFactor[v]!;
  const depot = c.vehDepot[v]!;
  const arr = s.nodes[slot]!;
  const n = s.len[slot]!;
  let depart: number;
  let prevLoc: number;
  if (pos === 0) {
    depart = s.tripStart[slot]!;
    prevLoc = depot;
  } else {
    const p = arr[pos - 1]!;
    depart = s.jobStart[p]! + jobSvc[p]!;
    prevLoc = jobLoc[p]!;
  }
  const loc = jobLoc[j]!;
  const start = Math.max(depart + dur[prevLoc * size + loc]! * f, jobEarly[j]!);
  if (start > jobLate[j]!) return false;
  if (pos === n) return start + jobSvc[j]! + dur[loc * size + depot]! * f <= s.tripLatestEnd[slot]!;
  const nx = arr[pos]!;
  const arrive = start + jobSvc[j]! + dur[loc * size + jobLoc[nx]!]! * f;
  return Math.max(arrive, jobEarly[nx]!) <= s.jobLatest[nx]!;
}

/** Timing of j alone on a new trip of v appended after its current trips. */
export function fitsNewTrip(s: RouteState, j: number, v: number): boolean {
  const c = s.c;
  const count = s.tripCount[v]!;
  const depot = c.vehDepot[v]!;
  const f = c.vehFactor[v]!;
  const depart = count === 0 ? c.vehStart[v]! : s.tripEnd[v * c.maxTrips + count - 1]! + c.vehReload[v]!;
  const loc = c.jobLoc[j]!;
  const start = Math.max(depart + c.dur[depot * c.size + loc]! * f, c.jobEarly[j]!);
  if (start > c.jobLate[j]!) return false;
  return start + c.jobSvc[j]! + c.dur[loc * c.size + depot]! * f <= c.vehEnd[v]!;
}

function newTripSlot(s: RouteState, j: number, v: number, choice: InsertionChoice): void {
  const c = s.c;
  const slot = v * c.maxTrips + s.tripCount[v]!;
  const depot = c.vehDepot[v]!;
  const loc = c.jobLoc[j]!;
  const delta = c.dist[depot * c.size + loc]! + c.dist[loc * c.size + depot]!;
  if (delta >= choice.delta) return;
  if (!fitsCapacity(s, j, slot, v)) return;
  if (c.timed && !fitsNewTrip(s, j, v)) return;
  choice.slot = slot;
  choice.pos = 0;
  choice.delta = delta;
}

/**
 * Cheapest feasible position for job j over every trip, every open trip slot of used vehicles
 * and the first idle vehicle of each class. Each position is skipped with probability `blink`
 * (SISR), which diversifies the rebuild at almost no cost. Returns false if nothing fits.
 */
export function cheapestInsertion(s: RouteState, j: number, rng: Rng, blink: number, choice: InsertionChoice): boolean {
  const c = s.c;
  const { dist, size, jobLoc } = c;
  const MT = c.maxTrips;
  const loc = jobLoc[j]!;
  const row = loc * size;
  choice.slot = -1;
  choice.pos = -1;
  choice.delta = Infinity;
  for (let u = 0; u < s.usedCount; u++) {
    const v = s.used[u]!;
    const depot = c.vehDepot[v]!;
    const trips = s.tripCount[v]!;
    for (let k = 0; k < trips; k++) {
      const slot = v * MT + k;
      if (!fitsCapacity(s, j, slot, v)) continue;
      const arr = s.nodes[slot]!;
      const n = s.len[slot]!;
      let prev = depot;
      for (let p = 0; p <= n; p++) {
        const next = p < n ? jobLoc[arr[p]!]! : depot;
        if (choice.untilBlink-- <= 0) {
          choice.untilBlink = drawBlink(rng, blink);
          prev = next;
          continue;
        }
        // On a symmetric matrix both legs come from j's own row, which stays in cache.
        const into = c.symmetric ? dist[row + prev]! : dist[prev * size + loc]!;
        const delta = into + dist[row + next]! - dist[prev * size + next]!;
        if (delta < choice.delta && (!c.timed || fitsTime(s, j, slot, p, v))) {
          choice.slot = slot;
          choice.pos = p;
          choice.delta = delta;
        }
        prev = next;
      }
    }
    if (trips < c.vehMaxTrips[v]!) newTripSlot(s, j, v, choice);
  }
  for (const members of c.classMembers) {
    for (let i = 0; i < members.length; i++) {
      const v = members[i]!;
      if (s.tripCount[v]! > 0) continue;
      newTripSlot(s, j, v, choice);
      break;
    }
  }
  return choice.slot >= 0;
}
