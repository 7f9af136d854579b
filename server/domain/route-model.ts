import type { LngLat, PlannedRoute, StopStatus } from '../contract';

// A published route as the live layer uses it: stops flattened in driving order, with their depot.

export interface RouteStop {
  tripIndex: number;
  stopIndex: number;
  zoneId: string;
  location: LngLat;
  arrivalS: number;
  departureS: number;
  plannedKg: Record<string, number>;
  /** A replan's stop that was handed off before the plan was made (it stays delivered). */
  done?: boolean;
  /** On a done stop: what was handed over (the recorded kg when a driver recorded it, else the planned kg). */
  doneKg?: Record<string, number>;
}

export interface RouteTrip {
  /** Where the trip loads: its deliveries draw on this depot's stock. */
  depotId: string;
  depotLocation: LngLat;
  departS: number;
  returnS: number;
  stops: RouteStop[];
}

export interface LoadedRoute {
  planId: string;
  planVersion: number | null;
  /** The plan day, YYYY-MM-DD local. */
  date: string;
  vehicleId: string;
  trips: RouteTrip[];
}

export interface StopState {
  status: StopStatus;
  arrivedAtMs: number | null;
  deliveredKg: Record<string, number>;
  lastEventId: number;
}

export const stopKey = (tripIndex: number, stopIndex: number) => `${tripIndex}/${stopIndex}`;

export function loadRoute(
  ref: { planId: string; planVersion: number | null; date: string },
  route: PlannedRoute,
  depotLocation: (depotId: string) => LngLat,
): LoadedRoute {
  return {
    ...ref,
    vehicleId: route.vehicleId,
    trips: route.trips.map((trip, tripIndex) => ({
      depotId: trip.depotId,
      depotLocation: depotLocation(trip.depotId),
      departS: trip.departS,
      returnS: trip.returnS,
      stops: trip.stops.map((s, stopIndex) => ({
        tripIndex, stopIndex, zoneId: s.zoneId, location: s.location, arrivalS: s.arrivalS, departureS: s.departureS,
        plannedKg: s.quantitiesKg, done: s.done === true, doneKg: s.done ? s.deliveredKg ?? s.quantitiesKg : {},
      })),
    })),
  };
}

export function findStop(route: LoadedRoute, tripIndex: number, stopIndex: number): RouteStop | null {
  return route.trips[tripIndex]?.stops[stopIndex] ?? null;
}

export function allStops(route: LoadedRoute): RouteStop[] {
  return route.trips.flatMap((t) => t.stops);
}

/** Depot → stops → depot for every trip: the legs a van on plan drives (straight, as the planner sees them). */
export function routePath(route: LoadedRoute): [number, number][][] {
  return route.trips.map((t) => [t.depotLocation, ...t.stops.map((s) => s.location), t.depotLocation]);
}

/**
 * commodityId → kg the van loaded for a trip (the sum of its stops' planned kg) and how much of it is
 * left once the other stops' handovers are taken off. `handed` gives a stop's handed-over kg, or null
 * while nothing was handed over there. The stop being recorded is left out, so a retry or correction
 * of it is judged against what the van held before it.
 */
export function tripHold(trip: RouteTrip, exceptStop: number, handed: (stop: RouteStop) => Record<string, number> | null): {
  loadedKg: Record<string, number>;
  leftKg: Record<string, number>;
} {
  const loadedKg: Record<string, number> = {};
  for (const s of trip.stops) for (const [c, kg] of Object.entries(s.plannedKg)) loadedKg[c] = (loadedKg[c] ?? 0) + kg;
  const leftKg = { ...loadedKg };
  for (const s of trip.stops) {
    if (s.stopIndex === exceptStop) continue;
    for (const [c, kg] of Object.entries(handed(s) ?? {})) leftKg[c] = (leftKg[c] ?? 0) - kg;
  }
  return { loadedKg, leftKg };
}
