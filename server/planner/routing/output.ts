import type { Compiled } from './problem';
import type { RouteState } from './state';
import type { RoutingSolution, Trip, UnassignedReason, VehicleRoute } from './types';

function fitsEmptyVan(c: Compiled, j: number, v: number): boolean {
  for (let d = 0; d < c.dims; d++) {
    if (c.jobAmt[j * c.dims + d]! > c.vehCap[v * c.dims + d]! + 1e-9) return false;
  }
  return true;
}

function fitsAloneInShift(c: Compiled, j: number, v: number): boolean {
  const depot = c.vehDepot[v]!;
  const loc = c.jobLoc[j]!;
  const f = c.vehFactor[v]!;
  const start = Math.max(c.vehStart[v]! + c.dur[depot * c.size + loc]! * f, c.jobEarly[j]!);
  if (start > c.jobLate[j]!) return false;
  return start + c.jobSvc[j]! + c.dur[loc * c.size + depot]! * f <= c.vehEnd[v]!;
}

/** Why a job is out: no van can carry it, no van can reach it in time even alone, or the fleet is full. */
export function unassignedReason(c: Compiled, j: number): UnassignedReason {
  let anyFits = false;
  for (let v = 0; v < c.vehicleCount; v++) {
    if (!fitsEmptyVan(c, j, v)) continue;
    anyFits = true;
    if (fitsAloneInShift(c, j, v)) return 'no_vehicle';
  }
  return anyFits ? 'shift_too_short' : c.vehicleCount === 0 ? 'no_vehicle' : 'capacity';
}

/** Replays each vehicle's trips to report times and loads; the state keeps only what the search needs. */
export function buildSolution(
  s: RouteState, vehicleIds: string[], stats: RoutingSolution['stats'],
): RoutingSolution {
  const c = s.c;
  const D = c.dims;
  const routes: VehicleRoute[] = [];
  let total = 0;
  for (let v = 0; v < c.vehicleCount; v++) {
    if (s.tripCount[v]! === 0) continue;
    const depot = c.vehDepot[v]!;
    const f = c.vehFactor[v]!;
    let t = c.vehStart[v]!;
    const trips: Trip[] = [];
    let routeDist = 0;
    s.tripsOf(v).forEach((nodes, k) => {
      if (k > 0) t += c.vehReload[v]!;
      const load = new Array<number>(D).fill(0);
      for (const j of nodes) for (let d = 0; d < D; d++) load[d]! += c.jobAmt[j * D + d]!;
      const onBoard = [...load];
      const trip: Trip = { departS: t, returnS: 0, load, distanceM: 0, stops: [] };
      let prev = depot;
      for (const j of nodes) {
        const loc = c.jobLoc[j]!;
        trip.distanceM += c.dist[prev * c.size + loc]!;
        const arrivalS = t + c.dur[prev * c.size + loc]! * f;
        const startS = Math.max(arrivalS, c.jobEarly[j]!);
        t = startS + c.jobSvc[j]!;
        const amount: number[] = [];
        for (let d = 0; d < D; d++) {
          amount.push(c.jobAmt[j * D + d]!);
          onBoard[d]! -= c.jobAmt[j * D + d]!;
        }
        const piece = c.pieces[j]!;
        trip.stops.push({
          jobId: piece.job.id, parentJobId: parentId(c, j), amount,
          arrivalS, startS, departureS: t, loadAfter: [...onBoard],
        });
        prev = loc;
      }
      trip.distanceM += c.dist[prev * c.size + depot]!;
      t += c.dur[prev * c.size + depot]! * f;
      trip.returnS = t;
      routeDist += trip.distanceM;
      trips.push(trip);
    });
    total += routeDist;
    routes.push({ vehicleId: vehicleIds[v]!, trips, distanceM: routeDist });
  }
  const unassigned: RoutingSolution['unassigned'] = [];
  for (let j = 0; j < c.jobCount; j++) {
    if (s.jobSlot[j]! >= 0) continue;
    const amount: number[] = [];
    for (let d = 0; d < D; d++) amount.push(c.jobAmt[j * D + d]!);
    unassigned.push({ jobId: c.pieces[j]!.job.id, parentJobId: parentId(c, j), amount, reason: unassignedReason(c, j) });
  }
  return { routes, totalDistanceM: total, unassigned, stats };
}

function parentId(c: Compiled, j: number): string {
  return c.pieces[j]!.parentId;
}
