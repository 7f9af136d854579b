import type { PlanDepot, PlanVehicle } from '../plan-input';
import type { RoutingSolution } from '../routing';

/**
 * When a van can start: not before its shift, its depot's opening (its first load) or the plan's
 * `nowS` (a replan schedules nothing in the past). A van with no time left keeps an empty shift.
 */
export function timedVan(v: PlanVehicle, depot: PlanDepot | undefined, nowS: number | undefined): PlanVehicle {
  const start = Math.max(v.shiftStartS, depot?.opensS ?? -Infinity, nowS ?? -Infinity);
  return start === v.shiftStartS ? v : { ...v, shiftStartS: Math.min(v.shiftEndS, start) };
}

/**
 * Every trip loads before the depot closes: a trip that would leave after closing is dropped and its
 * pieces become unassigned, so the next allocation round shares only what the open hours carry.
 * (The routing model has no depot hours of its own; its shift start already honours the opening.)
 */
export function withinDepotHours(solution: RoutingSolution, depot: PlanDepot): RoutingSolution {
  const closesS = depot.closesS;
  if (closesS === undefined) return solution;
  let dropped = false;
  const unassigned = [...solution.unassigned];
  const routes = solution.routes.map((r) => {
    const trips = r.trips.filter((t) => {
      if (t.departS <= closesS + 1e-6) return true;
      dropped = true;
      for (const s of t.stops) unassigned.push({ jobId: s.jobId, parentJobId: s.parentJobId, amount: s.amount, reason: 'depot_hours' });
      return false;
    });
    return { ...r, trips, distanceM: trips.reduce((sum, t) => sum + t.distanceM, 0) };
  }).filter((r) => r.trips.length > 0);
  if (!dropped) return solution;
  return { ...solution, routes, unassigned, totalDistanceM: routes.reduce((sum, r) => sum + r.distanceM, 0) };
}
