import type { LiveStop, StopStatus, VehicleRoute } from '../../../server/contract';

/** A stop's place in the route, as the live layer names it. */
export const stopKey = (tripIndex: number, stopIndex: number): string => `${tripIndex}:${stopIndex}`;

/**
 * Each stop's status as this phone knows it: what the driver recorded (even before it was sent) and what the
 * server pushed. Kept per plan in localStorage so a reload offline shows the same ticks.
 */
export interface StopStates {
  get(tripIndex: number, stopIndex: number): StopStatus;
  set(tripIndex: number, stopIndex: number, status: StopStatus): void;
  merge(stops: readonly LiveStop[]): void;
}

export function createStopStates(storage: Storage, route: Pick<VehicleRoute, 'planId' | 'vehicleId'>): StopStates {
  const storageKey = `baogong.driver.stops.${route.vehicleId}.${route.planId}`;
  let states: Record<string, StopStatus> = {};
  try { states = JSON.parse(storage.getItem(storageKey) ?? '{}') as Record<string, StopStatus>; } catch { states = {}; }
  const save = (): void => { try { storage.setItem(storageKey, JSON.stringify(states)); } catch { /* full: keep in memory */ } };
  return {
    get: (trip, stop) => states[stopKey(trip, stop)] ?? 'pending',
    set(trip, stop, status) { states[stopKey(trip, stop)] = status; save(); },
    merge(stops) {
      for (const stop of stops) {
        if (stop.planId !== route.planId || stop.vehicleId !== route.vehicleId) continue;
        // The server's word wins unless it still says pending while this phone recorded more (not sent yet).
        if (stop.status !== 'pending') states[stopKey(stop.tripIndex, stop.stopIndex)] = stop.status;
      }
      save();
    },
  };
}
