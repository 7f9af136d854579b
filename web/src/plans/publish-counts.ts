import type { LiveVehicle, Plan, PlanChanges, PlanSituation } from '../../../server/contract';

export interface PublishCounts {
  vans: number;
  drivers: number;
  stops: number;
  zones: number;
}

/**
 * What publishing changes against the plan in force: vans whose stops change, their drivers, stops
 * moved (a zone taken from one van and given to another counts once), zones whose kg change.
 */
export function changeCounts(changes: PlanChanges, driverOf: (vehicleId: string) => string | null): PublishCounts {
  const added = new Map<string, number>();
  const removed = new Map<string, number>();
  for (const v of changes.vehicles) {
    for (const z of v.added) added.set(z, (added.get(z) ?? 0) + 1);
    for (const z of v.removed) removed.set(z, (removed.get(z) ?? 0) + 1);
  }
  let stops = 0;
  for (const z of new Set([...added.keys(), ...removed.keys()])) stops += Math.max(added.get(z) ?? 0, removed.get(z) ?? 0);
  const drivers = new Set(changes.vehicles.map((v) => driverOf(v.vehicleId)).filter((d): d is string => !!d));
  return { vans: changes.vehicles.length, drivers: drivers.size, stops, zones: changes.zones.length };
}

/** A first publish (nothing in force): everything in the plan is new. */
export function firstCounts(plan: Plan): PublishCounts {
  const routes = plan.result?.routes ?? [];
  const stops = routes.flatMap((r) => r.trips.flatMap((t) => t.stops));
  return {
    vans: routes.length,
    drivers: new Set(routes.map((r) => r.driverId).filter(Boolean)).size,
    stops: stops.length,
    zones: new Set(stops.map((s) => s.zoneId)).size,
  };
}

/**
 * What has happened on the base plan, from the live picture: delivered stops are done, a van part-way
 * through a trip (or standing at a stop) is loaded for it.
 */
export function situationFrom(basePlanId: string, vehicles: readonly LiveVehicle[], nowS: number): PlanSituation {
  const completedStops: PlanSituation['completedStops'] = [];
  const loaded = new Set<string>();
  for (const v of vehicles) {
    const stops = v.stops.filter((s) => s.planId === basePlanId);
    const trips = new Set(stops.map((s) => s.tripIndex));
    for (const s of stops) if (s.status === 'delivered') completedStops.push({ vehicleId: v.vehicleId, tripIndex: s.tripIndex, stopIndex: s.stopIndex });
    for (const trip of trips) {
      const inTrip = stops.filter((s) => s.tripIndex === trip);
      const begun = inTrip.some((s) => s.status !== 'pending');
      const open = inTrip.some((s) => s.status === 'pending' || s.status === 'arrived');
      if (begun && open) loaded.add(v.vehicleId);
    }
  }
  return { completedStops, loadedVehicles: [...loaded], brokenVehicles: [], nowS };
}
