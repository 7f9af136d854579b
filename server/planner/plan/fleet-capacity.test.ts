import { describe, expect, it } from 'vitest';
import type { PlanDepot } from '../plan-input';
import { capToHaul, totalDemandKg } from './fleet-capacity';

const commodities = [
  { id: 'vegetables', name: '蔬菜', nameEn: 'Vegetables', coldChain: false },
  { id: 'oil', name: '食用油', nameEn: 'Cooking oil', coldChain: false },
  { id: 'meat', name: '肉类', nameEn: 'Meat', coldChain: true },
];
// 岭南 on 16 June 2021: one 1.5 t ambient trip, stock of three commodities, no cold van.
const depot: PlanDepot = { id: 'lingnan', name: '岭南', nameEn: 'Lingnan', location: [113.2385, 23.1135], stockKg: { meat: 2400, oil: 1200, vegetables: 2500 } };
const haul = new Map([['lingnan', { kg: 1500, coldKg: 0 }]]);

describe('capToHaul', () => {
  it('shares the vans\' room over the depot\'s mix, all of it when no demand is given', () => {
    const [capped] = capToHaul([depot], haul, commodities).depots;
    expect(capped!.stockKg.vegetables! + capped!.stockKg.oil!).toBeCloseTo(1500, 6);
    expect(capped!.stockKg.vegetables! / capped!.stockKg.oil!).toBeCloseTo(2500 / 1200, 9);
    expect(capped!.stockKg.meat).toBe(0);
  });

  it('gives no room to stock beyond what the zones ask for', () => {
    const zones: { demandKg: Record<string, number> }[] = [{ demandKg: { vegetables: 10_000, oil: 0, meat: 500 } }, { demandKg: { vegetables: 3_000 } }];
    expect(totalDemandKg(zones)).toEqual({ vegetables: 13_000, oil: 0, meat: 500 });
    const [capped] = capToHaul([depot], haul, commodities, totalDemandKg(zones)).depots;
    expect(capped!.stockKg.vegetables).toBeCloseTo(1500, 6);
    expect(capped!.stockKg.oil).toBe(0);
  });

  it('leaves a depot whose usable stock fits the vans as it is', () => {
    const { depots, capped } = capToHaul([depot], haul, commodities, { vegetables: 1000, oil: 200 });
    expect(capped.has('lingnan')).toBe(false);
    expect(depots[0]).toBe(depot);
  });
});
