import type { LngLat, Plan, PlannedRoute } from '../../../server/contract';
import { coverByZone } from './plan-format';
import type { PlanRefs } from './plan-refs';

export interface GeoFeature {
  type: 'Feature';
  geometry: { type: 'Polygon'; coordinates: LngLat[][] } | { type: 'LineString'; coordinates: LngLat[] };
  properties: Record<string, unknown>;
}

/** depot → stops → depot for each trip of each van (a trip whose depot is unknown starts at its first stop). */
export function tripPaths(routes: readonly PlannedRoute[], refs: Pick<PlanRefs, 'depots'>): { vehicleId: string; trip: number; path: LngLat[] }[] {
  const paths: { vehicleId: string; trip: number; path: LngLat[] }[] = [];
  for (const route of routes) {
    route.trips.forEach((trip, i) => {
      const depot = refs.depots.get(trip.depotId)?.location;
      const stops = trip.stops.map((s) => s.location);
      paths.push({ vehicleId: route.vehicleId, trip: i + 1, path: depot ? [depot, ...stops, depot] : stops });
    });
  }
  return paths;
}

/** The plan as one GeoJSON FeatureCollection: zones with their outcomes, and every trip as a LineString. */
export function planGeoJson(plan: Plan, refs: PlanRefs): { type: 'FeatureCollection'; features: GeoFeature[]; properties: Record<string, unknown> } {
  const cover = coverByZone(plan.result?.zones ?? []);
  const zones: GeoFeature[] = (plan.result?.zones ?? []).flatMap((outcome) => {
    const zone = refs.zones.get(outcome.zoneId);
    if (!zone) return [];
    return [{
      type: 'Feature', geometry: zone.polygon,
      properties: {
        kind: 'zone', zoneId: zone.id, name: zone.name, nameEn: zone.nameEn, tier: zone.tier, population: zone.population,
        minDaysOfCover: cover.get(zone.id) ?? null, demandKg: outcome.demandKg, deliveredKg: outcome.deliveredKg,
        fillRate: outcome.fillRate, daysOfCover: outcome.daysOfCover,
        shortfalls: outcome.shortfalls.map(({ code, commodityId, zh, en }) => ({ code, commodityId, zh, en })),
      },
    }];
  });
  const byVehicle = new Map((plan.result?.routes ?? []).map((r) => [r.vehicleId, r]));
  const routes: GeoFeature[] = tripPaths(plan.result?.routes ?? [], refs).map(({ vehicleId, trip, path }) => {
    const t = byVehicle.get(vehicleId)!.trips[trip - 1]!;
    return {
      type: 'Feature', geometry: { type: 'LineString', coordinates: path },
      properties: {
        kind: 'route', vehicleId, trip, depotId: t.depotId, distanceM: t.distanceM, loadKg: t.loadKg,
        stops: t.stops.map((s) => s.zoneId),
      },
    };
  });
  return {
    type: 'FeatureCollection', features: [...zones, ...routes],
    properties: { planId: plan.id, version: plan.version, status: plan.status, date: plan.date, districtId: plan.districtId, kpis: plan.kpis },
  };
}
