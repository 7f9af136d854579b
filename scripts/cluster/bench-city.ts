// The city of `npm run bench:cluster`'s plan throughput: scripts/replay/city-scenario.ts's generated
// city at 6,400 zones, which gen-city splits into 20 districts (round(√zones / 4)), with every depot
// and van given to a district so that a district plan routes that district's own vans from its own
// depots (city-scenario leaves them city-wide, so each of 20 plans would weigh every van and depot).
// gen-city places depot i near district i mod 20; a van belongs to its home depot's district.
import type { Scenario } from '../../server/domain/scenario';
import { cityScenario } from '../replay/city-scenario';

export const BENCH_CITY_ZONES = 6400;

export function benchCityScenario(): Scenario {
  const base = cityScenario(BENCH_CITY_ZONES);
  const districtIds = base.districts.map((d) => d.id).sort();
  const depotDistrict = new Map(base.depots.map((d) => {
    const index = Number(/P(\d+)$/.exec(d.id)![1]) - 1;
    return [d.id, districtIds[index % districtIds.length]!] as const;
  }));
  const vanDistrict = new Map(base.vehicles.map((v) => [v.id, depotDistrict.get(v.homeDepotId)!] as const));
  return {
    ...base,
    id: 'bench-cluster-city',
    depots: base.depots.map((d) => ({ ...d, districtId: depotDistrict.get(d.id)! })),
    vehicles: base.vehicles.map((v) => ({ ...v, districtId: vanDistrict.get(v.id)! })),
    staff: base.staff.map((s) => ({ ...s, districtId: s.vehicleId ? vanDistrict.get(s.vehicleId) ?? null : null })),
  };
}
