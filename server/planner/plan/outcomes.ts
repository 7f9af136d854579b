import type { PlannedRoute, Shortfall, ZoneOutcome } from '../../contract';
import type { AllocationResult } from '../allocation';
import type { PlanCommodity, PlanVehicle, PlanZone } from '../plan-input';
import { shortfall, type Names } from '../reasons';
import type { DepotRouting } from './route-depot';
import { parseJobId } from './route-depot';

const FULL = 1 - 1e-6;

export interface ShortfallFacts {
  allocation: AllocationResult;
  routings: readonly DepotRouting[];
  /** Depot → vans standing idle there because their driver is not cleared. */
  idleVansByDepot: ReadonlyMap<string, string[]>;
  /** Depots that hold stock but have no cleared van at all. */
  depotsWithoutVans: ReadonlySet<string>;
  /** Depots whose vans cannot move all their stock in one shift (the allocation saw less stock). */
  fleetCapped: ReadonlySet<string>;
  /** The depots' real stock, before it was scaled to what the vans can haul. */
  depotStockKg: ReadonlyMap<string, Readonly<Record<string, number>>>;
  vehicles: readonly PlanVehicle[];
}

/** Delivered goods, fill rates, days of cover and, for every zone short of anything, its reasons. */
export function zoneOutcomes(
  zones: readonly PlanZone[],
  commodities: readonly PlanCommodity[],
  routes: readonly PlannedRoute[],
  facts: ShortfallFacts,
  names: Names,
): ZoneOutcome[] {
  const delivered = new Map<string, Record<string, number>>();
  for (const r of routes) for (const t of r.trips) for (const s of t.stops) {
    const acc = delivered.get(s.zoneId) ?? {};
    for (const [c, kg] of Object.entries(s.quantitiesKg)) acc[c] = (acc[c] ?? 0) + kg;
    delivered.set(s.zoneId, acc);
  }
  return zones.map((zone) => {
    const got = delivered.get(zone.id) ?? {};
    const out: ZoneOutcome = { zoneId: zone.id, demandKg: {}, deliveredKg: {}, fillRate: {}, daysOfCover: {}, shortfalls: [] };
    for (const { id: c } of commodities) {
      const demand = zone.demandKg[c] ?? 0;
      const kg = got[c] ?? 0;
      out.demandKg[c] = demand;
      out.deliveredKg[c] = kg;
      out.fillRate[c] = demand > 0 ? Math.min(1, kg / demand) : 1;
      const daily = zone.dailyNeedKg[c] ?? 0;
      out.daysOfCover[c] = daily > 0 ? ((zone.onHandKg[c] ?? 0) + kg) / daily : null;
      if (out.fillRate[c]! < FULL) out.shortfalls.push(...reasonsFor(zone.id, c, facts, names));
    }
    return out;
  });
}

function reasonsFor(zoneId: string, c: string, facts: ShortfallFacts, names: Names): Shortfall[] {
  const reasons: Shortfall[] = [];
  const fill = facts.allocation.fills.find((f) => f.zoneId === zoneId && f.commodityId === c);
  if (fill && fill.fillRate < FULL) {
    for (const limit of facts.allocation.limits) {
      if (limit.commodityId !== c || !limit.zoneIds.includes(zoneId)) continue;
      if (limit.kind === 'no-reachable-stock') {
        // Stock that exists but that no van can move (say, meat where no van has a cold box) is a van problem.
        const stranded = [...facts.fleetCapped].filter((d) => (facts.depotStockKg.get(d)?.[c] ?? 0) > 0);
        reasons.push(stranded.length > 0 ? shortfall('no_van_capacity', names, c, stranded) : shortfall('no_stock', names, c));
        continue;
      }
      const byVans = limit.depotIds.filter((d) => facts.fleetCapped.has(d));
      const byStock = limit.depotIds.filter((d) => !facts.fleetCapped.has(d));
      if (byStock.length > 0) reasons.push(shortfall('stock_short', names, c, byStock));
      if (byVans.length > 0) reasons.push(shortfall('no_van_capacity', names, c, byVans));
    }
  }
  // Stock the allocation could not use because no cleared van is based at its depot.
  const idle = [...facts.depotsWithoutVans].flatMap((d) => facts.idleVansByDepot.get(d) ?? []);
  if (idle.length > 0) reasons.push(shortfall('driver_not_cleared', names, c, [...facts.depotsWithoutVans], idle));

  for (const { depot, solution } of facts.routings) {
    const missed = solution.unassigned.filter((u) => parseJobId(u.parentJobId).zoneId === zoneId);
    if (missed.length === 0) continue;
    const code = missed.some((u) => u.reason === 'shift_too_short') ? 'shift_too_short' : 'no_van_capacity';
    reasons.push(shortfall(code, names, c, [depot.id]));
    const idleHere = facts.idleVansByDepot.get(depot.id) ?? [];
    if (idleHere.length > 0) reasons.push(shortfall('driver_not_cleared', names, c, [depot.id], idleHere));
  }
  if (reasons.length === 0) {
    // Rounding across split pieces can leave a sliver; say so rather than leave it unexplained.
    reasons.push(shortfall('no_van_capacity', names, c));
  }
  return merged(reasons, names);
}

/** One reason per code and commodity, naming every depot and van involved. */
function merged(reasons: Shortfall[], names: Names): Shortfall[] {
  const byKey = new Map<string, { depots: Set<string>; vans: Set<string>; first: Shortfall }>();
  for (const r of reasons) {
    const key = `${r.code}|${r.commodityId}`;
    const acc = byKey.get(key) ?? { depots: new Set(), vans: new Set(), first: r };
    r.depotIds.forEach((d) => acc.depots.add(d));
    r.vehicleIds.forEach((v) => acc.vans.add(v));
    byKey.set(key, acc);
  }
  return [...byKey.values()].map(({ first, depots, vans }) =>
    shortfall(first.code, names, first.commodityId, [...depots].sort(), [...vans].sort()));
}
