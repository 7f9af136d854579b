// A scripts/gen-city.ts city as a seedable scenario (one district per generated district, a gate at
// each centroid, a driver per van), for the replay's soak test. Ids are prefixed `gc-` so they never
// meet the demo's. Stock is one day of need × the generator's supply ratio.
import type { Scenario } from '../../server/domain/scenario';
import { generateCity } from '../gen-city';

const hhmm = (s: number) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;

export function cityScenario(zoneCount: number, seed = 7): Scenario {
  const city = generateCity({ zones: zoneCount, depots: Math.max(2, Math.round(zoneCount / 100)), seed, days: 1 });
  const districtNames = [...new Set(city.zones.map((z) => z.district))].sort();
  const lngs = city.zones.flatMap((z) => z.polygon.map((p) => p[0]));
  const lats = city.zones.flatMap((z) => z.polygon.map((p) => p[1]));
  const bbox: [number, number, number, number] = [Math.min(...lngs) - 0.05, Math.min(...lats) - 0.05, Math.max(...lngs) + 0.05, Math.max(...lats) + 0.05];
  const did = (name: string) => `gc-${name.toLowerCase()}`;
  return {
    id: `gen-city-${zoneCount}`, name: `生成城市 ${zoneCount}`, nameEn: `Generated city (${zoneCount} zones)`, date: '2021-06-03',
    districts: districtNames.map((n) => ({ id: did(n), name: n, nameEn: n, city: 'Generated', bbox })),
    streets: [],
    zones: city.zones.map((z) => ({
      id: `gc-${z.id}`, districtId: did(z.district), streetId: null, name: z.name, nameEn: z.name, tier: z.tier, status: 'active',
      population: z.population, populationEstimated: true, households: z.households, specialNeeds: z.specialNeeds,
      polygon: { type: 'Polygon', coordinates: [z.polygon] }, sealedAt: '2021-06-02T16:00:00.000Z', liftedAt: null,
    })),
    handoffPoints: city.zones.map((z) => ({ id: `gc-${z.id}-gate`, zoneId: `gc-${z.id}`, name: `${z.name} gate`, location: z.centroid })),
    commodities: city.commodities.map((c) => ({ id: c.id, name: c.name, nameEn: c.nameEn, unit: 'kg', dailyRationKgPerPerson: c.rationKgPerPersonDay, coldChain: c.coldChain })),
    depots: city.depots.map((d) => ({ id: `gc-${d.id}`, districtId: null, name: d.name, nameEn: d.name, location: d.location, opensAt: '04:00', closesAt: '20:00', stockKg: d.stockKg })),
    vehicles: city.vehicles.map((v) => ({
      id: `gc-${v.id}`, name: v.id, kind: 'van', homeDepotId: `gc-${v.homeDepotId}`, districtId: null, capacityKg: v.capacityKg, coldChainKg: v.coldChainKg,
      shiftStart: hhmm(v.shiftStartS), shiftEnd: hhmm(v.shiftEndS), driverId: `gc-drv-${v.id}`,
    })),
    staff: city.vehicles.map((v, i) => ({
      id: `gc-drv-${v.id}`, name: `司机 ${i + 1}`, role: 'driver', passNumber: `GC-${String(i + 1).padStart(5, '0')}`,
      healthCheckValidUntil: '2030-01-01T00:00:00.000Z', vehicleId: `gc-${v.id}`, districtId: null,
    })),
    users: [{ id: 'gc-coord', username: 'gc-coord', displayName: 'Generated city coordinator', role: 'coordinator', districtId: null, vehicleId: null, password: 'coord123' }],
  };
}
