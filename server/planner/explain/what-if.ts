import type { FleetLimit, FleetVan, SupplyLimit } from '../../contract';
import type { AllocationInput, AllocationLimit } from '../allocation';
import type { Names } from '../reasons';
import type { ModelFacts } from './binding';
import { stockGains } from './stock-gain';

/**
 * The what-if per binding depot and short commodity: where the depot's stock binds, the level rise
 * per extra kg of stock (supplyLimits); where its vans bind, per extra kg hauled, van-hour and van
 * (fleetLimits). A depot appears on one side only: the side that binds in the model.
 */
export function whatIf(
  allocationInput: AllocationInput,
  limits: readonly AllocationLimit[],
  nearestDepots: number,
  facts: ModelFacts,
  names: Names,
): { supplyLimits: SupplyLimit[]; fleetLimits: FleetLimit[] } {
  const gains = stockGains(allocationInput, limits, nearestDepots);
  const supply = new Map<string, SupplyLimit>();
  const fleet = new Map<string, FleetLimit>();
  limits.forEach((limit, index) => {
    if (limit.kind !== 'depot-stock') return;
    const c = limit.commodityId;
    for (const d of limit.depotIds) {
      const gainPerStockKg = gains.get(`${index}|${d}`) ?? 0;
      const key = `${d}|${c}`;
      const binding = facts.binding(d, c);
      // A depot binds at the lowest level it appears at (limits come lowest stratum first per part).
      if (binding === 'stock') {
        if (!supply.has(key)) supply.set(key, supplyLimitOf(d, c, limit.level, limit.zoneIds, gainPerStockKg, names));
      } else if (!fleet.has(key)) {
        fleet.set(key, fleetLimitOf(d, c, binding, limit.level, limit.zoneIds, gainPerStockKg, facts, names));
      }
    }
  });
  return { supplyLimits: [...supply.values()], fleetLimits: [...fleet.values()] };
}

function supplyLimitOf(depotId: string, c: string, level: number, zoneIds: string[], levelGainPerKg: number, names: Names): SupplyLimit {
  const d = names.depot(depotId);
  const n = names.commodity(c);
  const gain = percentPerTonne(levelGainPerKg);
  return {
    depotId, commodityId: c, level, zoneIds, levelGainPerKg,
    zh: `${d.zh}的${n.zh}库存限制了供应：每多1吨，最低满足率提高${gain}个百分点`,
    en: `${n.en} stock at ${d.en} limits supply: each extra tonne raises the minimum fill by ${gain} points`,
  };
}

/**
 * The allocation saw min(stock, haul × this commodity's share of the class) at the depot, so one
 * more kg hauled adds share kg of the commodity; a van-hour and a van add what the depot's vans now
 * haul per hour and per van of that size (first order: valid until stock, not vans, binds).
 */
function fleetLimitOf(depotId: string, c: string, kind: 'van' | 'cold_van', level: number, zoneIds: string[], gainPerStockKg: number, facts: ModelFacts, names: Names): FleetLimit {
  const cold = kind === 'cold_van';
  const sameClass = classCommodities(facts, depotId, cold);
  let classStock = 0;
  let classHaul = 0;
  for (const x of sameClass) {
    classStock += facts.realStock(depotId, x);
    classHaul += facts.modelStock(depotId, x);
  }
  const levelGainPerKg = classStock > 0 ? (gainPerStockKg * facts.realStock(depotId, c)) / classStock : 0;
  const vans = facts.vansAt(depotId).filter((v) => (cold ? v.coldChainKg : v.capacityKg) > 0);
  const weightOf = (v: (typeof vans)[number]) => (cold ? v.coldChainKg : v.capacityKg) * Math.max(0, v.shiftEndS - v.shiftStartS);
  const totalWeight = vans.reduce((s, v) => s + weightOf(v), 0);
  const vanHours = vans.reduce((s, v) => s + Math.max(0, v.shiftEndS - v.shiftStartS) / 3600, 0);
  const fleetVans: FleetVan[] = vans.map((v) => ({
    vehicleId: v.id,
    levelGainPerVan: totalWeight > 0 ? levelGainPerKg * classHaul * (weightOf(v) / totalWeight) : 0,
  }));
  const levelGainPerVanHour = vanHours > 0 ? (levelGainPerKg * classHaul) / vanHours : 0;
  const d = names.depot(depotId);
  const n = names.commodity(c);
  const perVan = fleetVans.length ? Math.max(...fleetVans.map((v) => v.levelGainPerVan)) : 0;
  const pts = (x: number) => (x * 100).toFixed(x * 100 >= 1 ? 1 : 2);
  const what = cold ? ['冷链车', 'cold-chain vans'] : ['车辆', 'vans'];
  return {
    depotId, commodityId: c, kind, level, zoneIds, levelGainPerKg, levelGainPerVanHour, vans: fleetVans,
    zh: `${d.zh}的${what[0]}运力限制了${n.zh}：每多1车时，最低满足率提高${pts(levelGainPerVanHour)}个百分点；多一辆车提高${pts(perVan)}个百分点`,
    en: `${what[1]} at ${d.en} limit ${n.en}: each extra van-hour raises the minimum fill by ${pts(levelGainPerVanHour)} points, one more van by ${pts(perVan)}`,
  };
}

function classCommodities(facts: ModelFacts, depotId: string, cold: boolean): string[] {
  return facts.commodityIds.filter((x) => facts.cold.has(x) === cold && facts.realStock(depotId, x) > 0);
}

/** Level per kg as percentage points per tonne, readable at city scale. */
function percentPerTonne(perKg: number): string {
  const pts = perKg * 1000 * 100;
  return pts >= 1 ? pts.toFixed(1) : pts.toPrecision(2);
}
