import type { Zone } from '../contract';
import type { Scenario } from '../domain/scenario';
import type { Store } from '../services/ports';

export interface SeedSummary {
  scenario: string;
  districts: number;
  streets: number;
  zones: number;
  handoffPoints: number;
  commodities: number;
  depots: number;
  vehicles: number;
  staff: number;
  users: number;
}

/**
 * Writes a scenario in one transaction, parents before children. Upserts throughout, so seeding
 * twice changes nothing, and re-seeding resets the scenario's own records to the file's values
 * (records the file does not name are left alone).
 */
export async function seedScenario(
  store: Store,
  scenario: Scenario,
  hashPassword: (pw: string) => Promise<string>,
): Promise<SeedSummary> {
  // Hash before the transaction opens: scrypt is slow on purpose, and the write lock should not wait on it.
  const hashes = await Promise.all(scenario.users.map((u) => hashPassword(u.password)));
  // Zones in a scenario carry no updatedAt: stamp them with the scenario's day, so a re-seed is a no-op.
  const updatedAt = scenarioInstant(scenario.date);

  await store.transaction(async (tx) => {
    await each('district', scenario.districts, (d) => tx.districts.upsert(d));
    await each('street', scenario.streets, (s) => tx.streets.upsert(s));
    await each('commodity', scenario.commodities, (c) => tx.commodities.upsert(c));
    await each('zone', scenario.zones, (z) => tx.zones.upsert({ ...z, updatedAt } satisfies Zone));
    await each('handoff point', scenario.handoffPoints, (p) => tx.handoffPoints.upsert(p));
    await each('depot', scenario.depots, (d) => tx.depots.upsert(d));
    // Staff before vehicles: vehicles.driver_id is the enforced side of the driver ↔ van link.
    await each('staff member', scenario.staff, (s) => tx.staff.upsert(s));
    await each('vehicle', scenario.vehicles, (v) => tx.vehicles.upsert(v));
    await each('user', scenario.users, (u, i) => {
      const { password: _password, ...user } = u;
      return tx.users.upsert(user, hashes[i] ?? '');
    });
    await each('supply channel', scenario.supplyChannels ?? [], (c) => tx.supplyChannels.upsert(c));
    if (scenario.householdStockDays) await tx.householdStock.set(scenario.householdStockDays);
    await each('supplier', scenario.suppliers ?? [], (s) => tx.suppliers.upsert(s));
  });

  return {
    scenario: scenario.id,
    districts: scenario.districts.length,
    streets: scenario.streets.length,
    zones: scenario.zones.length,
    handoffPoints: scenario.handoffPoints.length,
    commodities: scenario.commodities.length,
    depots: scenario.depots.length,
    vehicles: scenario.vehicles.length,
    staff: scenario.staff.length,
    users: scenario.users.length,
  };
}

/** True when nothing has been seeded or created yet: no districts and no users. */
export async function isEmpty(store: Store): Promise<boolean> {
  const [districts, users] = await Promise.all([store.districts.list(), store.users.list()]);
  return districts.length === 0 && users.length === 0;
}

/** Runs one upsert per record, naming the record that failed so a bad scenario file is easy to fix. */
async function each<T extends { id: string }>(what: string, items: readonly T[], write: (item: T, index: number) => Promise<void>) {
  for (const [index, item] of items.entries()) {
    try {
      await write(item, index);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(`seeding ${what} "${item.id}" failed: ${reason}`, { cause: err });
    }
  }
}

function scenarioInstant(date: string): string {
  const ms = Date.parse(date);
  if (Number.isNaN(ms)) throw new Error(`scenario date "${date}" is not an ISO-8601 date`);
  return new Date(ms).toISOString();
}
