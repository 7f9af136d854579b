import type { PlannedRoute, PlannedStop, PlannedTrip } from '../../contract';
import type { PlanCommodity, PlanVehicle, PlanZone } from '../plan-input';
import { parseJobId, type DepotRouting, type DepotShipments } from './route-depot';

/**
 * Turns routing output into planned routes with goods per stop. Each routed piece carries its
 * share of the zone's shipment of that goods class; consecutive pieces at one zone become one stop.
 */
export function assembleRoutes(
  routings: readonly DepotRouting[],
  shipments: ReadonlyMap<string, DepotShipments>,
  zones: ReadonlyMap<string, PlanZone>,
  vehicles: ReadonlyMap<string, PlanVehicle>,
  commodities: readonly PlanCommodity[],
): PlannedRoute[] {
  const cold = new Set(commodities.filter((c) => c.coldChain).map((c) => c.id));
  const routes: PlannedRoute[] = [];
  for (const { depot, solution } of routings) {
    const depotShipments = shipments.get(depot.id)!;
    for (const route of solution.routes) {
      const trips: PlannedTrip[] = [];
      for (const trip of route.trips) {
        if (trip.stops.length === 0) continue;
        const stops: PlannedStop[] = [];
        for (const stop of trip.stops) {
          const { zoneId, goods } = parseJobId(stop.parentJobId);
          const zone = zones.get(zoneId)!;
          const shipment = depotShipments.get(zoneId)!;
          const classTotal = Object.entries(shipment).filter(([c]) => cold.has(c) === (goods === 'cold'))
            .reduce((sum, [, kg]) => sum + kg, 0);
          const share = classTotal > 0 ? Math.min(1, stop.amount[0]! / Math.ceil(classTotal - 1e-9)) : 0; // overwritten by loadGoods
          const last = stops[stops.length - 1];
          const target: PlannedStop = last?.zoneId === zoneId ? last : {
            zoneId, handoffPointId: zone.handoffPointId, location: zone.location,
            arrivalS: stop.arrivalS, departureS: stop.departureS, quantitiesKg: {},
          };
          if (target !== last) stops.push(target);
          target.departureS = stop.departureS;
          for (const [c, kg] of Object.entries(shipment)) {
            if (cold.has(c) !== (goods === 'cold')) continue;
            target.quantitiesKg[c] = (target.quantitiesKg[c] ?? 0) + kg * share;
          }
        }
        const loadKg = sumAll(stops, () => true);
        trips.push({
          depotId: depot.id, departS: trip.departS, returnS: trip.returnS, distanceM: trip.distanceM,
          loadKg, coldChainLoadKg: sumAll(stops, (c) => cold.has(c)), stops,
        });
      }
      if (trips.length === 0) continue;
      routes.push({
        vehicleId: route.vehicleId, driverId: vehicles.get(route.vehicleId)?.driverId ?? null,
        distanceM: trips.reduce((s, t) => s + t.distanceM, 0), trips,
      });
    }
  }
  return routes.sort((a, b) => a.vehicleId.localeCompare(b.vehicleId));
}

function sumAll(stops: readonly PlannedStop[], include: (commodityId: string) => boolean): number {
  let kg = 0;
  for (const s of stops) for (const [c, q] of Object.entries(s.quantitiesKg)) if (include(c)) kg += q;
  return kg;
}
