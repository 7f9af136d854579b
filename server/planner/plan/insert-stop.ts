import type { LngLat, PlannedRoute, PlannedStop, PlannedTrip } from '../../contract';
import type { DistanceModel } from '../distance';
import type { PlanDepot, PlanVehicle, PlanZone } from '../plan-input';

/**
 * Adding one zone's stop to a van's day after routing, without breaking any time rule: the stop
 * goes into a trip already on the road (later stops shift, keeping their delivery windows, and the
 * trip still returns in time for the van's next trip and its shift end) or into a new trip after the
 * van's last one (leaving at or after its shift start, which already honours depot opening and `nowS`,
 * loading before the depot closes). Pure schedule arithmetic on whole seconds, like the routing.
 */
export interface Insertion {
  /** Extra van time this costs, seconds (a new trip: its whole length). */
  addedS: number;
  /** Makes the change; returns the trip that now holds the stop. */
  apply: () => PlannedTrip;
}

export interface VanDay {
  /** The van as routed (its shift start already moved to depot opening and now). */
  van: PlanVehicle;
  depot: PlanDepot;
  route: PlannedRoute;
}

const roundS = (s: number) => Math.round(s);

/** The cheapest place for `zone` in `trip` (which must not visit it yet), or null when none fits. */
export function insertIntoTrip(
  day: VanDay, tripIndex: number, zone: PlanZone, zones: ReadonlyMap<string, PlanZone>, model: DistanceModel, reloadS: number,
): Insertion | null {
  const trip = day.route.trips[tripIndex]!;
  const zoneOf = (s: PlannedStop) => s.location;
  const windowOfStop = (s: PlannedStop) => zones.get(s.zoneId)?.windowS;
  const nextDepart = day.route.trips[tripIndex + 1]?.departS;
  const latestReturn = nextDepart === undefined ? day.van.shiftEndS : nextDepart - reloadS;
  // A stop adds at least its handoff: a trip without that much slack takes none (no distances needed).
  if (latestReturn - trip.returnS < zone.serviceS) return null;
  let best: { addedS: number; stops: PlannedStop[]; returnS: number; extraM: number } | null = null;
  for (let p = 0; p <= trip.stops.length; p++) {
    const prevLoc: LngLat = p === 0 ? day.depot.location : zoneOf(trip.stops[p - 1]!);
    const prevDep = p === 0 ? trip.departS : trip.stops[p - 1]!.departureS;
    const arrival = prevDep + roundS(model.durationS(prevLoc, zone.location));
    const start = Math.max(arrival, zone.windowS?.startS ?? -Infinity);
    if (zone.windowS && start > zone.windowS.endS) continue;
    let dep = start + zone.serviceS;
    let loc: LngLat = zone.location;
    const shifted: PlannedStop[] = [];
    let ok = true;
    for (let k = p; k < trip.stops.length; k++) {
      const s = trip.stops[k]!;
      const window = windowOfStop(s);
      const service = s.departureS - Math.max(s.arrivalS, window?.startS ?? -Infinity);
      const arr = dep + roundS(model.durationS(loc, s.location));
      const st = Math.max(arr, window?.startS ?? -Infinity);
      if (window && st > window.endS) { ok = false; break; }
      dep = st + service;
      loc = s.location;
      shifted.push({ ...s, arrivalS: arr, departureS: dep });
    }
    if (!ok) continue;
    const returnS = dep + roundS(model.durationS(loc, day.depot.location));
    if (returnS > latestReturn + 1e-6) continue;
    const addedS = returnS - trip.returnS;
    if (!best || addedS < best.addedS) {
      const stop: PlannedStop = {
        zoneId: zone.id, handoffPointId: zone.handoffPointId, location: zone.location,
        arrivalS: arrival, departureS: start + zone.serviceS, quantitiesKg: {},
      };
      const nextLoc = p < trip.stops.length ? trip.stops[p]!.location : day.depot.location;
      const extraM = Math.round(model.distanceM(prevLoc, zone.location) + model.distanceM(zone.location, nextLoc) - model.distanceM(prevLoc, nextLoc));
      best = { addedS, returnS, extraM, stops: [...trip.stops.slice(0, p), stop, ...shifted] };
    }
  }
  if (!best) return null;
  const chosen = best;
  return {
    addedS: chosen.addedS,
    apply: () => {
      trip.stops = chosen.stops;
      trip.returnS = chosen.returnS;
      trip.distanceM += Math.max(0, chosen.extraM);
      day.route.distanceM = day.route.trips.reduce((s, t) => s + t.distanceM, 0);
      return trip;
    },
  };
}

/**
 * A new trip to `zone` in a free window of the van's day (before its first trip, between two, or
 * after its last), or null when the shift, the reloads or the depot hours leave no room.
 */
export function newTrip(day: VanDay, zone: PlanZone, model: DistanceModel, reloadS: number): Insertion | null {
  const trips = day.route.trips;
  const out = roundS(model.durationS(day.depot.location, zone.location));
  const back = roundS(model.durationS(zone.location, day.depot.location));
  for (let gap = 0; gap <= trips.length; gap++) {
    const prev = trips[gap - 1];
    const next = trips[gap];
    const departS = Math.max(day.van.shiftStartS, prev ? prev.returnS + reloadS : -Infinity);
    const latestReturn = next ? next.departS - reloadS : day.van.shiftEndS;
    if (latestReturn - departS < zone.serviceS + out + back) continue;
    if (day.depot.closesS !== undefined && departS > day.depot.closesS) continue;
    const arrival = departS + out;
    const start = Math.max(arrival, zone.windowS?.startS ?? -Infinity);
    if (zone.windowS && start > zone.windowS.endS) continue;
    const departureS = start + zone.serviceS;
    const returnS = departureS + back;
    if (returnS > latestReturn) continue;
    return {
      addedS: returnS - departS + (prev || next ? reloadS : 0),
      apply: () => {
        const stop: PlannedStop = { zoneId: zone.id, handoffPointId: zone.handoffPointId, location: zone.location, arrivalS: arrival, departureS, quantitiesKg: {} };
        const trip: PlannedTrip = { depotId: day.depot.id, departS, returnS, distanceM: 0, loadKg: 0, coldChainLoadKg: 0, stops: [stop] };
        trip.distanceM = tripDistance(day.depot.location, trip.stops, model);
        trips.splice(gap, 0, trip);
        day.route.distanceM = trips.reduce((s, t) => s + t.distanceM, 0);
        return trip;
      },
    };
  }
  return null;
}

function tripDistance(depot: LngLat, stops: readonly PlannedStop[], model: DistanceModel): number {
  let m = 0;
  let at = depot;
  for (const s of stops) {
    m += Math.round(model.distanceM(at, s.location));
    at = s.location;
  }
  return m + Math.round(model.distanceM(at, depot));
}

/**
 * Times again after stops were dropped: each kept stop keeps its handoff length and window, and
 * comes no later than before (fewer stops only bring the rest forward), so every time rule still holds.
 */
export function retime(trip: PlannedTrip, depot: PlanDepot, zones: ReadonlyMap<string, PlanZone>, model: DistanceModel): void {
  trip.distanceM = tripDistance(depot.location, trip.stops, model);
  let dep = trip.departS;
  let at: LngLat = depot.location;
  const times: [number, number][] = [];
  for (const s of trip.stops) {
    const window = zones.get(s.zoneId)?.windowS;
    const service = s.departureS - Math.max(s.arrivalS, window?.startS ?? -Infinity);
    const arrival = dep + roundS(model.durationS(at, s.location));
    const start = Math.max(arrival, window?.startS ?? -Infinity);
    dep = start + service;
    // Whole-second rounding of legs could make a shortcut a second longer: then keep the old times (still valid, with a wait).
    if (dep > s.departureS) return;
    times.push([arrival, dep]);
    at = s.location;
  }
  const returnS = dep + roundS(model.durationS(at, depot.location));
  if (returnS > trip.returnS) return;
  trip.stops.forEach((s, k) => ([s.arrivalS, s.departureS] = times[k]!));
  trip.returnS = returnS;
}

/**
 * When no trip has time for `zone`, the cheapest trade on trip `tripIndex`: drop one stop that
 * `removable` allows (a zone other trips also bring these goods to) and put `zone` in, if the trip
 * then still keeps every time rule. Only for zones that get nothing of a goods class: one visit for
 * them is worth some of a zone's second one.
 */
export function swapIntoTrip(
  day: VanDay, tripIndex: number, zone: PlanZone, zones: ReadonlyMap<string, PlanZone>, model: DistanceModel, reloadS: number,
  removable: (stop: PlannedStop) => boolean,
): Insertion | null {
  const trip = day.route.trips[tripIndex]!;
  let best: { insertion: Insertion; copy: PlannedTrip } | null = null;
  trip.stops.forEach((stop, k) => {
    if (stop.zoneId === zone.id || !removable(stop)) return;
    const copy: PlannedTrip = { ...trip, stops: trip.stops.filter((_, j) => j !== k).map((s) => ({ ...s })) };
    if (copy.stops.length > 0) retime(copy, day.depot, zones, model);
    const trips = day.route.trips.map((t, j) => (j === tripIndex ? copy : t));
    const ins = insertIntoTrip({ ...day, route: { ...day.route, trips } }, tripIndex, zone, zones, model, reloadS);
    if (ins && (!best || ins.addedS < best.insertion.addedS)) best = { insertion: ins, copy };
  });
  if (!best) return null;
  const chosen: { insertion: Insertion; copy: PlannedTrip } = best;
  return {
    addedS: chosen.insertion.addedS,
    apply: () => {
      chosen.insertion.apply();
      Object.assign(trip, chosen.copy);
      day.route.distanceM = day.route.trips.reduce((s, t) => s + t.distanceM, 0);
      return trip;
    },
  };
}
