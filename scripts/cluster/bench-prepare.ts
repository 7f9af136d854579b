// bench:cluster's database, made before any server starts (scripts/bench-cluster.ts).
import { randomUUID } from 'node:crypto';
import type { PlannedRoute, PlanResult, User } from '../../server/contract';
import { migrateLatest, openDatabase } from '../../server/store/db';
import { hashPassword } from '../../server/store/passwords';
import { loadScenario } from '../../server/store/scenario-files';
import { seedScenario } from '../../server/store/seed';
import { createStore } from '../../server/store/store';
import { benchSession } from '../bench-sessions';
import { benchCityScenario } from './bench-city';

export interface BenchTokens { watchers: string[]; drivers: { vehicleId: string; token: string }[]; coordinator: string; cityCoordinator: string }

/**
 * Before any server starts: migrate, seed Liwan and the 20-district city, and add the fan-out's vans,
 * their published plan and every login's session straight into the store (logging 500 users in over
 * HTTP would time scrypt, not the cluster). The servers see a seeded database and seed nothing.
 */
export async function prepareBenchDatabase(databaseUrl: string, driverCount: number, socketCount: number): Promise<BenchTokens> {
  const db = openDatabase(databaseUrl);
  await migrateLatest(db);
  const store = createStore(db);
  const t0 = Date.now();
  await seedScenario(store, loadScenario('liwan-2021'), hashPassword);
  await seedScenario(store, benchCityScenario(), hashPassword);
  const zones = (await store.zones.list()).filter((z) => z.districtId === 'liwan');
  const gates = await store.handoffPoints.list();
  const depot = (await store.depots.list()).find((d) => d.districtId === 'liwan')!;
  const hash = await hashPassword('bench-only');
  const now = new Date();
  const tokens: BenchTokens = { watchers: [], drivers: [], coordinator: '', cityCoordinator: '' };
  const routes: PlannedRoute[] = [];
  await store.transaction(async (tx) => {
    const session = (user: User) => benchSession(tx, user, hash, now);
    for (let i = 0; i < driverCount; i++) {
      const id = `bench-van-${i}`;
      await tx.vehicles.upsert({ id, name: id, kind: 'van', homeDepotId: depot.id, districtId: 'liwan', capacityKg: 1500, coldChainKg: 0, shiftStart: '00:00', shiftEnd: '23:59', driverId: null });
      tokens.drivers.push({ vehicleId: id, token: await session({ id: `bench-driver-${i}`, username: `bench-driver-${i}`, displayName: id, role: 'driver', districtId: 'liwan', vehicleId: id }) });
      routes.push({
        vehicleId: id, driverId: null, distanceM: 0,
        trips: [{
          depotId: depot.id, departS: 0, returnS: 86_000, distanceM: 0, loadKg: 0, coldChainLoadKg: 0,
          stops: Array.from({ length: 5 }, (_, s) => {
            const zone = zones[(i + s) % zones.length]!;
            const location = gates.find((g) => g.zoneId === zone.id)?.location ?? depot.location;
            return { zoneId: zone.id, handoffPointId: null, location, arrivalS: 3600 + s * 600, departureS: 3900 + s * 600, quantitiesKg: { vegetables: 20 } };
          }),
        }],
      });
    }
    for (let i = 0; i < socketCount; i++) {
      const official = i % 2 === 1;
      tokens.watchers.push(await session({
        id: `bench-watch-${i}`, username: `bench-watch-${i}`, displayName: 'watcher',
        role: official ? 'district_official' : 'coordinator', districtId: official ? 'liwan' : null, vehicleId: null,
      }));
    }
    tokens.coordinator = tokens.watchers[0]!;
    tokens.cityCoordinator = await session({ id: 'bench-city-coord', username: 'bench-city-coord', displayName: 'bench', role: 'coordinator', districtId: null, vehicleId: null });
  });
  const result: PlanResult = {
    routes, zones: [], excludedVehicles: [], supplyLimits: [],
    kpis: { minFillRate: 1, allocationFillRate: 1, deliveredKg: 0, demandKg: 0, distanceKm: 0, vehiclesUsed: driverCount, vanUtilisation: 0, zonesShort: 0, minDaysOfCover: null, runtimeMs: 0 },
  };
  await store.plans.insert({
    id: randomUUID(), version: 1, status: 'published', date: now.toISOString().slice(0, 10), districtId: 'liwan', createdAt: now.toISOString(),
    createdBy: 'bench-watch-0', publishedAt: now.toISOString(), basePlanId: null, progress: 1, error: null, kpis: result.kpis, result, changes: null, inputSettings: {},
  });
  await store.close();
  console.log(`prepared the database in ${((Date.now() - t0) / 1000).toFixed(1)} s: Liwan demo, a 20-district city (6,400 zones), ${driverCount} bench vans, ${socketCount} watcher sessions`);
  return tokens;
}
