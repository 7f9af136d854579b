import { describe, expect, it } from 'vitest';
import { allocate, leximinByLp, type AllocationInput } from '../server/planner/allocation';
import { generateCity, haversineM, type City } from './gen-city';

const toInput = (city: City): AllocationInput => ({
  commodities: city.commodities,
  depots: city.depots,
  zones: city.zones.map((z) => ({ id: z.id, location: z.centroid, weight: z.weight, demandKg: z.demandKg })),
  distanceM: (d, z) => haversineM(city.depots[d]!.location, city.zones[z]!.centroid),
});

describe('generateCity (the benchmark cities)', () => {
  it('is a pure function of its options and seed', () => {
    expect(generateCity({ zones: 50, depots: 4, seed: 9 })).toEqual(generateCity({ zones: 50, depots: 4, seed: 9 }));
    expect(generateCity({ zones: 50, depots: 4, seed: 9 })).not.toEqual(generateCity({ zones: 50, depots: 4, seed: 10 }));
  });

  it('makes scarce supply, sane zones and a fleet at every depot', () => {
    const city = generateCity({ zones: 300, depots: 6, seed: 3 });
    for (const c of city.commodities) {
      const demand = city.zones.reduce((s, z) => s + z.demandKg[c.id]!, 0);
      const stock = city.depots.reduce((s, d) => s + d.stockKg[c.id]!, 0);
      expect(stock / demand).toBeCloseTo(0.85, 3);
    }
    for (const z of city.zones) {
      expect(z.weight).toBeGreaterThanOrEqual(1);
      expect(z.polygon[0]).toEqual(z.polygon[z.polygon.length - 1]);
      expect(haversineM(z.centroid, [113.2644, 23.1291], 1)).toBeLessThan(30_000);
    }
    expect(new Set(city.vehicles.map((v) => v.homeDepotId)).size).toBe(city.depots.length);
  });

  it('gives the same allocation as the full LP on a small generated city', () => {
    const input = toInput(generateCity({ zones: 12, depots: 3, seed: 5 }));
    const r = allocate(input);
    const lp = leximinByLp(input);
    expect(Math.abs(r.minLevel - lp.minLevel)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(r.tonneKm - lp.tonneKm)).toBeLessThanOrEqual(1e-6 * Math.max(1, lp.tonneKm));
    for (const f of r.fills) {
      expect(Math.abs(f.deliveredKg - lp.deliveredKg.get(`${f.zoneId}|${f.commodityId}`)!)).toBeLessThanOrEqual(1e-6 * (1 + f.demandKg));
    }
  });
});
