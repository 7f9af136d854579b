import type { DepotShipments } from './route-depot';

/** An allocation's flows as each depot's shipments: depot → zone → commodity → kg (flows of a nanogram or less dropped). */
export function shipmentsOf(flows: readonly { depotId: string; zoneId: string; commodityId: string; kg: number }[]): Map<string, DepotShipments> {
  const shipments = new Map<string, DepotShipments>();
  for (const f of flows) {
    if (f.kg <= 1e-9) continue;
    const byZone = shipments.get(f.depotId) ?? new Map<string, Record<string, number>>();
    const kg = byZone.get(f.zoneId) ?? {};
    kg[f.commodityId] = (kg[f.commodityId] ?? 0) + f.kg;
    byZone.set(f.zoneId, kg);
    shipments.set(f.depotId, byZone);
  }
  return shipments;
}
