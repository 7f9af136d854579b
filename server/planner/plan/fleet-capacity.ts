import type { PlanCommodity, PlanDepot, PlanOptions, PlanVehicle } from '../plan-input';

/** What a depot's vans can move in one shift. */
export interface Haul {
  kg: number;
  coldKg: number;
}

/** A first estimate from the vans' sizes, trips and shift lengths. */
export function estimatedHaul(
  depots: readonly PlanDepot[],
  vehicles: readonly PlanVehicle[],
  options: Pick<PlanOptions, 'maxTripsPerVehicle' | 'reloadS'>,
): Map<string, Haul> {
  const haul = new Map<string, Haul>(depots.map((d) => [d.id, { kg: 0, coldKg: 0 }]));
  for (const v of vehicles) {
    const h = haul.get(v.homeDepotId);
    if (!h) continue;
    const trips = tripsPerShift(v, options);
    h.kg += v.capacityKg * trips * PACKING;
    h.coldKg += v.coldChainKg * trips * PACKING;
  }
  return haul;
}

/**
 * Commodities are coupled only through the vans' shared capacity, so the allocation sees each
 * depot's stock scaled down to what its vans can haul, keeping the depot's commodity mix: the fair
 * shares then fit the vans instead of being cut by routing at random.
 */
export function capToHaul(
  depots: readonly PlanDepot[],
  haul: ReadonlyMap<string, Haul>,
  commodities: readonly PlanCommodity[],
): { depots: PlanDepot[]; capped: Set<string> } {
  const cold = new Set(commodities.filter((c) => c.coldChain).map((c) => c.id));
  const capped = new Set<string>();
  const out = depots.map((depot) => {
    const { kg, coldKg } = haul.get(depot.id) ?? { kg: 0, coldKg: 0 };
    let stockKg = 0;
    let coldStockKg = 0;
    for (const [c, q] of Object.entries(depot.stockKg)) {
      stockKg += q;
      if (cold.has(c)) coldStockKg += q;
    }
    const coldScale = coldStockKg > coldKg ? coldKg / coldStockKg : 1;
    const ambientRoom = kg - Math.min(coldKg, coldStockKg);
    const ambientStock = stockKg - coldStockKg;
    const ambientScale = ambientStock > ambientRoom ? Math.max(0, ambientRoom) / ambientStock : 1;
    if (coldScale === 1 && ambientScale === 1) return depot;
    capped.add(depot.id);
    const scaled = Object.fromEntries(Object.entries(depot.stockKg).map(([c, q]) => [c, q * (cold.has(c) ? coldScale : ambientScale)]));
    return { ...depot, stockKg: scaled };
  });
  return { depots: out, capped };
}

/** Vans rarely fill to the last kg: pieces are whole packs. */
const PACKING = 0.95;
/**
 * A trip in a city takes at least half an hour for a stop or two and the drive (reload on top).
 * Optimistic on purpose: routing measures what the vans really carry and the next round shares that.
 */
const MIN_TRIP_S = 1800;

function tripsPerShift(v: PlanVehicle, options: Pick<PlanOptions, 'maxTripsPerVehicle' | 'reloadS'>): number {
  const shiftS = Math.max(0, v.shiftEndS - v.shiftStartS);
  return Math.max(0, Math.min(options.maxTripsPerVehicle ?? Infinity, Math.floor((shiftS + options.reloadS) / (MIN_TRIP_S + options.reloadS))));
}
