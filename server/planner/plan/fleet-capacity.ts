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
 * shares then fit the vans instead of being cut by routing at random. The mix counts only stock some
 * zone can use (at most the commodity's total demand, `demandKg`): room shared out to oil nobody
 * asked for was room taken from the vegetables the zones were short of (issue 16, 16 June replay).
 */
export function capToHaul(
  depots: readonly PlanDepot[],
  haul: ReadonlyMap<string, Haul>,
  commodities: readonly PlanCommodity[],
  demandKg?: Readonly<Record<string, number>>,
): { depots: PlanDepot[]; capped: Set<string> } {
  const cold = new Set(commodities.filter((c) => c.coldChain).map((c) => c.id));
  const capped = new Set<string>();
  const usable = (c: string, q: number) => (demandKg ? Math.min(q, Math.max(0, demandKg[c] ?? 0)) : q);
  const out = depots.map((depot) => {
    const { kg, coldKg } = haul.get(depot.id) ?? { kg: 0, coldKg: 0 };
    let stockKg = 0;
    let coldStockKg = 0;
    for (const [c, stock] of Object.entries(depot.stockKg)) {
      const q = usable(c, stock);
      stockKg += q;
      if (cold.has(c)) coldStockKg += q;
    }
    const coldScale = coldStockKg > coldKg ? coldKg / coldStockKg : 1;
    const ambientRoom = kg - Math.min(coldKg, coldStockKg);
    const ambientStock = stockKg - coldStockKg;
    const ambientScale = ambientStock > ambientRoom ? Math.max(0, ambientRoom) / ambientStock : 1;
    if (coldScale === 1 && ambientScale === 1) return depot;
    capped.add(depot.id);
    const scaled = Object.fromEntries(Object.entries(depot.stockKg).map(([c, q]) => [c, usable(c, q) * (cold.has(c) ? coldScale : ambientScale)]));
    return { ...depot, stockKg: scaled };
  });
  return { depots: out, capped };
}

/** Each commodity's demand over all zones: no depot can ship more of it than this. */
export function totalDemandKg(zones: readonly { demandKg: Readonly<Record<string, number>> }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const z of zones) for (const [c, kg] of Object.entries(z.demandKg)) out[c] = (out[c] ?? 0) + Math.max(0, kg);
  return out;
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
