/**
 * npm run bench:plan — the whole plan (allocation, routing, goods, reasons) on the Liwan demo and on
 * generated scarce cities of 300 zones / 8 depots / 30 vans and 2,000 zones / 20 depots / 200 vans.
 * Prints a table of runtime, peak memory and plan quality:
 * - allocation t*: `kpis.allocationFillRate`, the min fill rate of the fair allocation on the routes'
 *   real capacity (each depot's trips, arcs only where a trip stops with room for the goods class) —
 *   what the planner's model proves the fleet as routed can bring fairly; 0 when some zone-commodity
 *   has no visit from a depot holding it;
 * - plan min fill, and its ratio to that t* (target ≥ 0.9; the loading may exceed the model, > 1);
 * - stock-only t*: an unlimited fleet's (vans ignored), for reference;
 * - unexcused: zone-commodities below 0.9 × their amount at the stock-only t* that the fleet could
 *   have brought by the issue's rule (scripts/fairness-audit.ts, the property test's checker); target 0;
 * - zones with demand left unvisited and the idle van-hours of cleared vans (reloads count as idle).
 * Targets: Liwan < 1 s; the 2,000-zone city ≤ 20 s, < 1 GB.
 */
import { loadUtcOffset } from '../server/config';
import { DEFAULT_TIER_RULES } from '../server/domain/tiers';
import { planInputFromRecords } from '../server/planner/input-from-records';
import type { PlanInput, PlanOptions } from '../server/planner/plan-input';
import { plan } from '../server/planner/plan/plan';
import { allocate } from '../server/planner/allocation';
import { haversineModel } from '../server/planner/distance';
import { loadScenario } from '../server/store/scenario-files';
import { unexcusedShortfalls } from './fairness-audit';
import { generateCity, type City } from './gen-city';

function liwanInput(): PlanInput {
  const s = loadScenario('liwan-2021');
  return planInputFromRecords(
    { ...s, zones: s.zones.map((z) => ({ ...z, updatedAt: s.date })) },
    { date: s.date, days: 1, utcOffset: loadUtcOffset(), tierRules: DEFAULT_TIER_RULES },
  );
}

function cityInput(city: City): PlanInput {
  const serviceS = { sealed: 1800, controlled: 1200, precaution: 600 } as const;
  return {
    commodities: city.commodities.map((c) => ({ id: c.id, name: c.name, nameEn: c.nameEn, coldChain: c.coldChain })),
    zones: city.zones.map((z) => ({
      id: z.id, name: z.name, nameEn: z.name, handoffPointId: null, location: z.centroid, demandKg: z.demandKg,
      dailyNeedKg: Object.fromEntries(Object.entries(z.demandKg).map(([c, kg]) => [c, kg / city.days])),
      onHandKg: {}, weight: z.weight, serviceS: serviceS[z.tier],
    })),
    depots: city.depots.map((d) => ({ id: d.id, name: d.name, nameEn: d.name, location: d.location, stockKg: d.stockKg })),
    vehicles: city.vehicles.map((v) => ({
      id: v.id, name: v.id, homeDepotId: v.homeDepotId, capacityKg: v.capacityKg, coldChainKg: v.coldChainKg,
      shiftStartS: v.shiftStartS, shiftEndS: v.shiftEndS, driverId: `driver-${v.id}`, driverCleared: v.driverCleared,
    })),
  };
}

interface Row { unexcused: number; stockT: number; unvisited: number; idleH: number; name: string; zones: number; vans: number; depots: number; seconds: number; peakRssMb: number; target: string; minFill: number; allocFill: number; km: number; used: number; util: number; short: number }

function measure(name: string, input: PlanInput, options: Partial<PlanOptions>, target: string): Row {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  const t0 = performance.now();
  const result = plan(input, { ...options, now: () => performance.now(), onProgress: () => { peak = Math.max(peak, process.memoryUsage().rss); } });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const k = result.kpis;
  const visited = new Set(result.routes.flatMap((r) => r.trips.flatMap((t) => t.stops.map((s) => s.zoneId))));
  const unvisited = input.zones.filter((z) => Object.values(z.demandKg).some((kg) => kg > 0) && !visited.has(z.id)).length;
  const excluded = new Set(result.excludedVehicles.map((e) => e.vehicleId));
  let idleS = 0;
  for (const v of input.vehicles) {
    if (excluded.has(v.id)) continue;
    const route = result.routes.find((r) => r.vehicleId === v.id);
    const busyS = route ? route.trips.reduce((s, t) => s + (t.returnS - t.departS), 0) : 0;
    idleS += Math.max(0, v.shiftEndS - v.shiftStartS - busyS);
  }
  // t* of the stock alone (depots with a cleared van, vans ignored): what fairness could reach with an unlimited fleet.
  const model = haversineModel();
  const vanDepots = input.depots.filter((d) => input.vehicles.some((v) => v.homeDepotId === d.id && v.driverId && v.driverCleared));
  const stockOnly = allocate({ commodities: input.commodities, depots: vanDepots, zones: input.zones, distanceM: (d, z) => model.distanceM(vanDepots[d]!.location, input.zones[z]!.location) }, { nearestDepots: 4 });
  return {
    unexcused: unexcusedShortfalls(input, result).length, stockT: stockOnly.minFillRate, unvisited, idleH: idleS / 3600,
    name, zones: input.zones.length, vans: input.vehicles.length, depots: input.depots.length, seconds, peakRssMb: peak / 2 ** 20, target,
    minFill: k.minFillRate, allocFill: k.allocationFillRate, km: k.distanceKm, used: k.vehiclesUsed, util: k.vanUtilisation, short: k.zonesShort,
  };
}

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--time-limit') + 1] || 15);
const rows: Row[] = [];
rows.push(measure('Liwan 2021 demo', liwanInput(), { maxIterations: 3000 }, '< 1 s'));
if (!process.argv.includes('--liwan-only')) {
  const small = generateCity({ zones: 300, depots: 8, vehicles: 30, seed: 7, days: 1 });
  rows.push(measure('generated scarce city 300 (seed 7)', cityInput(small), { maxIterations: Infinity, deadlineMs: performance.now() + (seconds / 4) * 1000 }, '< 10 s'));
  const city = generateCity({ zones: 2000, depots: 20, vehicles: 200, seed: 7, days: 1 });
  rows.push(measure('generated scarce city 2000 (seed 7)', cityInput(city), { maxIterations: Infinity, deadlineMs: performance.now() + seconds * 1000 }, '≤ 20 s, < 1 GB'));
}

console.log(`\nbench:plan — whole plan on this machine (${seconds} s routing budget for the city)\n`);
console.log('| scenario | zones | vans | depots | seconds | peak RSS MB | target | stock-only t* | allocation t* | plan min fill | ratio | unexcused | zones unvisited | idle van-h | km | vans used | utilisation | zones short |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.name} | ${r.zones} | ${r.vans} | ${r.depots} | ${r.seconds.toFixed(2)} | ${r.peakRssMb.toFixed(0)} | ${r.target} | ${r.stockT.toFixed(3)} | ${r.allocFill.toFixed(3)} | ${r.minFill.toFixed(3)} | ${r.allocFill > 0 ? (r.minFill / r.allocFill).toFixed(2) : '—'} | ${r.unexcused} | ${r.unvisited} | ${r.idleH.toFixed(0)} | ${r.km.toFixed(0)} | ${r.used} | ${(r.util * 100).toFixed(0)} % | ${r.short} |`);
}
