import type { LiveStop, StopStatus, VehicleRoute } from '../../../server/contract';

/** A stop's place in the route, as the live layer names it. */
export const stopKey = (tripIndex: number, stopIndex: number): string => `${tripIndex}:${stopIndex}`;

/** What this phone knows of a stop: its status and, once delivered, the kilos recorded (not the planned ones). */
export interface StopView {
  status: StopStatus;
  deliveredKg?: Record<string, number>;
}

/**
 * Each stop's status as this phone knows it: what the driver recorded (even before it was sent) and what the
 * server pushed. Kept per plan in localStorage so a reload offline shows the same ticks. A replan's done stops
 * (PlannedStop.done) start delivered with what was handed over, so a new plan id never shows them pending.
 */
export interface StopStates {
  get(tripIndex: number, stopIndex: number): StopStatus;
  view(tripIndex: number, stopIndex: number): StopView;
  set(tripIndex: number, stopIndex: number, status: StopStatus, deliveredKg?: Record<string, number>): void;
  merge(stops: readonly LiveStop[]): void;
}

export function createStopStates(storage: Storage, route: Pick<VehicleRoute, 'planId' | 'vehicleId'> & Partial<Pick<VehicleRoute, 'trips'>>): StopStates {
  const storageKey = `baogong.driver.stops.${route.vehicleId}.${route.planId}`;
  let states: Record<string, StopView | StopStatus> = {};
  try { states = JSON.parse(storage.getItem(storageKey) ?? '{}') as Record<string, StopView>; } catch { states = {}; }
  (route.trips ?? []).forEach((trip, ti) => trip.stops.forEach((s, si) => {
    if (s.done && !states[stopKey(ti, si)]) states[stopKey(ti, si)] = { status: 'delivered', deliveredKg: s.deliveredKg ?? s.quantitiesKg };
  }));
  const save = (): void => { try { storage.setItem(storageKey, JSON.stringify(states)); } catch { /* full: keep in memory */ } };
  // Older pages stored a bare status string.
  const view = (trip: number, stop: number): StopView => {
    const v = states[stopKey(trip, stop)];
    return typeof v === 'string' ? { status: v } : v ?? { status: 'pending' };
  };
  return {
    get: (trip, stop) => view(trip, stop).status,
    view,
    set(trip, stop, status, deliveredKg) { states[stopKey(trip, stop)] = { status, ...(deliveredKg ? { deliveredKg } : {}) }; save(); },
    merge(stops) {
      for (const stop of stops) {
        if (stop.planId !== route.planId || stop.vehicleId !== route.vehicleId) continue;
        // The server's word wins unless it still says pending while this phone recorded more (not sent yet).
        if (stop.status !== 'pending') {
          states[stopKey(stop.tripIndex, stop.stopIndex)] = { status: stop.status, ...(stop.status === 'delivered' ? { deliveredKg: stop.deliveredKg } : {}) };
        }
      }
      save();
    },
  };
}
