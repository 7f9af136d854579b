import type { Compiled } from './problem';
import type { RouteState } from './state';

/** A trip as a plain array, the representation local search edits. */
export interface PlanTrip {
  v: number;
  nodes: number[];
  load: Float64Array;
}

export function tripLoad(c: Compiled, nodes: number[]): Float64Array {
  const load = new Float64Array(c.dims);
  for (const j of nodes) for (let d = 0; d < c.dims; d++) load[d]! += c.jobAmt[j * c.dims + d]!;
  return load;
}

export function loadFits(c: Compiled, load: Float64Array, v: number): boolean {
  for (let d = 0; d < c.dims; d++) if (load[d]! > c.vehCap[v * c.dims + d]! + 1e-9) return false;
  return true;
}

/** Full forward simulation of one vehicle's trips: time windows, reloads and the shift end. */
export function vehicleTimeFeasible(c: Compiled, v: number, trips: readonly (readonly number[])[]): boolean {
  const depot = c.vehDepot[v]!;
  const f = c.vehFactor[v]!;
  let t = c.vehStart[v]!;
  let first = true;
  for (const nodes of trips) {
    if (nodes.length === 0) continue;
    if (!first) t += c.vehReload[v]!;
    first = false;
    let prev = depot;
    for (const j of nodes) {
      const loc = c.jobLoc[j]!;
      const start = Math.max(t + c.dur[prev * c.size + loc]! * f, c.jobEarly[j]!);
      if (start > c.jobLate[j]! + 1e-9) return false;
      t = start + c.jobSvc[j]!;
      prev = loc;
    }
    t += c.dur[prev * c.size + depot]! * f;
  }
  return t <= c.vehEnd[v]! + 1e-9;
}

export function readPlan(s: RouteState): PlanTrip[][] {
  const plan: PlanTrip[][] = [];
  for (let v = 0; v < s.c.vehicleCount; v++) {
    plan.push(s.tripsOf(v).map((nodes) => ({ v, nodes, load: tripLoad(s.c, nodes) })));
  }
  return plan;
}

/** Replaces the state's routes with the plan's. */
export function writePlan(s: RouteState, plan: PlanTrip[][]): void {
  const MT = s.c.maxTrips;
  const scratch = new Int32Array(s.c.jobCount);
  for (let v = 0; v < s.c.vehicleCount; v++) {
    for (let k = 0; k < s.tripCount[v]!; k++) {
      const slot = v * MT + k;
      if (s.len[slot]! > 0) s.removeRange(slot, 0, s.len[slot]!, scratch, 0);
    }
  }
  s.compact();
  plan.forEach((trips, v) => {
    let k = 0;
    for (const trip of trips) {
      if (trip.nodes.length === 0) continue;
      trip.nodes.forEach((j, pos) => s.insert(j, v * MT + k, pos));
      k++;
    }
  });
  s.resyncDistance();
}
