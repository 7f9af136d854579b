import type { PlannedRoute } from '../../contract';
import { loadRoutes } from '../allocation';
import type { PlanCommodity, PlanDepot, PlanVehicle, PlanZone } from '../plan-input';
import type { DepotShipments } from './route-depot';

/**
 * Goods onto routes: with the trips fixed, an LP per depot decides how much of each commodity each
 * trip drops at each stop, maximising the minimum fill of the depot's allocated shipments under the
 * vans' capacities and the depot's stock. Depots never share a trip and each depot only serves its
 * own allocated shipments, so the per-depot LPs together are exact for the whole plan.
 */
export function loadGoods(
  routes: PlannedRoute[],
  depots: readonly PlanDepot[],
  shipments: ReadonlyMap<string, DepotShipments>,
  zones: ReadonlyMap<string, PlanZone>,
  vehicles: ReadonlyMap<string, PlanVehicle>,
  commodities: readonly PlanCommodity[],
): void {
  const cold = new Set(commodities.filter((c) => c.coldChain).map((c) => c.id));
  for (const depot of depots) {
    const depotShipments = shipments.get(depot.id);
    const trips = routes.flatMap((r) => r.trips.map((t, i) => ({ route: r, trip: t, id: `${r.vehicleId}#${i}` })))
      .filter(({ trip }) => trip.depotId === depot.id);
    if (!depotShipments || trips.length === 0) continue;
    const result = loadRoutes({
      commodities: commodities.map((c) => ({ id: c.id, coldChain: c.coldChain })),
      depots: [{ id: depot.id, stockKg: depot.stockKg }],
      zones: [...depotShipments].map(([zoneId, kg]) => ({ id: zoneId, weight: zones.get(zoneId)!.weight, demandKg: kg })),
      trips: trips.map(({ route, trip, id }) => {
        const v = vehicles.get(route.vehicleId)!;
        return { id, depotId: depot.id, capacityKg: v.capacityKg, coldChainKg: v.coldChainKg, stopZoneIds: trip.stops.map((s) => s.zoneId) };
      }),
    });
    const byTrip = new Map(trips.map((t) => [t.id, t.trip]));
    for (const { trip } of trips) for (const stop of trip.stops) stop.quantitiesKg = {};
    for (const load of result.loads) {
      if (load.kg <= 1e-9) continue;
      const stop = byTrip.get(load.tripId)!.stops[load.stopIndex]!;
      stop.quantitiesKg[load.commodityId] = (stop.quantitiesKg[load.commodityId] ?? 0) + load.kg;
    }
    for (const { trip } of trips) {
      trip.loadKg = 0;
      trip.coldChainLoadKg = 0;
      for (const stop of trip.stops) {
        for (const [c, kg] of Object.entries(stop.quantitiesKg)) {
          trip.loadKg += kg;
          if (cold.has(c)) trip.coldChainLoadKg += kg;
        }
      }
    }
  }
}
