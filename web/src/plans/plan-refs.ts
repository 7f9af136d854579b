import type { Commodity, Depot, HandoffPoint, Vehicle, Zone } from '../../../server/contract';
import { request } from '../api';

/** What a plan's ids point at, for names in tables, manifests and exports. */
export interface PlanRefs {
  zones: ReadonlyMap<string, Zone>;
  depots: ReadonlyMap<string, Depot>;
  vehicles: ReadonlyMap<string, Vehicle>;
  handoffs: ReadonlyMap<string, HandoffPoint>;
  commodities: readonly Commodity[];
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

export function makeRefs(parts: { zones: readonly Zone[]; depots: readonly Depot[]; vehicles: readonly Vehicle[]; handoffs: readonly HandoffPoint[]; commodities: readonly Commodity[] }): PlanRefs {
  return {
    zones: byId(parts.zones), depots: byId(parts.depots), vehicles: byId(parts.vehicles),
    handoffs: byId(parts.handoffs), commodities: parts.commodities,
  };
}

export async function loadRefs(): Promise<PlanRefs> {
  const [zones, depots, vehicles, handoffs, commodities] = await Promise.all([
    request('GET /api/zones'), request('GET /api/depots'), request('GET /api/vehicles'),
    request('GET /api/handoff-points'), request('GET /api/commodities'),
  ]);
  return makeRefs({ zones, depots, vehicles, handoffs, commodities });
}
