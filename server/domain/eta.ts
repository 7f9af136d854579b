import type { LngLat } from '../contract';
import { instantOf } from './local-time';
import { distanceToPathM } from './route-geometry';
import { routePath, stopKey, type LoadedRoute, type StopState } from './route-model';

export interface EtaOptions {
  utcOffset: string;
  durationS: (from: LngLat, to: LngLat) => number;
}

export interface EtaResult {
  /** stopKey → ETA in ms since epoch, for stops still to do. */
  etaMs: Map<string, number>;
  /** Next stop still to do: its ETA minus its planned arrival, in seconds. */
  delayS: number | null;
  offRouteM: number | null;
}

const isOpen = (s: StopState | undefined) => !s || s.status === 'pending' || s.status === 'arrived';

/**
 * ETAs for the stops still to do, driving on from the last fix: straight legs at the planner's speed,
 * the planned service time at each stop, back to the depot between trips and never leaving before a
 * trip's planned departure (goods are loaded then). A van standing at an arrived stop leaves after
 * its service time counted from arrival.
 */
export function estimateEtas(
  route: LoadedRoute,
  states: ReadonlyMap<string, StopState>,
  fix: { at: number; location: LngLat } | null,
  options: EtaOptions,
): EtaResult {
  const etaMs = new Map<string, number>();
  const offRouteM = fix ? Math.min(...routePath(route).map((p) => distanceToPathM(fix.location, p))) : null;
  if (!fix) return { etaMs, delayS: null, offRouteM };
  let clock = fix.at;
  let here: LngLat = fix.location;
  let delayS: number | null = null;
  let started = false;
  for (const trip of route.trips) {
    const open = trip.stops.filter((s) => isOpen(states.get(stopKey(s.tripIndex, s.stopIndex))));
    if (open.length === 0) continue;
    // A later trip not begun yet starts at the depot even when it is the first with work left.
    const untouched = open.length === trip.stops.length;
    if (started || (untouched && trip !== route.trips[0])) {
      // Back to the depot, reload, and not before the trip's planned departure.
      clock += options.durationS(here, trip.depotLocation) * 1000;
      here = trip.depotLocation;
      clock = Math.max(clock, instantOf(route.date, trip.departS, options.utcOffset));
    }
    for (const stop of open) {
      const state = states.get(stopKey(stop.tripIndex, stop.stopIndex));
      const serviceMs = Math.max(0, stop.departureS - stop.arrivalS) * 1000;
      if (state?.status === 'arrived' && state.arrivedAtMs !== null) {
        clock = Math.max(clock, state.arrivedAtMs + serviceMs);
        here = stop.location;
        started = true;
        continue;
      }
      const eta = clock + options.durationS(here, stop.location) * 1000;
      etaMs.set(stopKey(stop.tripIndex, stop.stopIndex), eta);
      if (delayS === null) delayS = Math.round((eta - instantOf(route.date, stop.arrivalS, options.utcOffset)) / 1000);
      clock = eta + serviceMs;
      here = stop.location;
      started = true;
    }
  }
  return { etaMs, delayS, offRouteM };
}
