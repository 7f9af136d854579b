import type { Plan } from '../../../server/contract';
import type { MapRoute } from '../map/zone-map';
import { routeColour } from './plan-format';
import { tripPaths } from './plan-geojson';
import type { PlanRefs } from './plan-refs';

/** Map lines for a plan's routes: one colour per van, one line per trip. */
export function planRoutes(plan: Pick<Plan, 'result'>, refs: Pick<PlanRefs, 'depots' | 'vehicles'>): MapRoute[] {
  const colours = new Map((plan.result?.routes ?? []).map((r, i) => [r.vehicleId, routeColour(i)]));
  return tripPaths(plan.result?.routes ?? [], refs).map(({ vehicleId, trip, path }) => ({
    id: `${vehicleId}#${trip}`,
    label: `${refs.vehicles.get(vehicleId)?.name ?? vehicleId} · ${trip}`,
    colour: colours.get(vehicleId)!,
    path,
  }));
}
