import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Scenario } from '../domain/scenario';
import type { Store } from '../services/ports';
import { migrateLatest } from './db';
import { verifyPassword } from './passwords';
import { listScenarios, loadScenario, scenarioPath } from './scenario-files';
import { isEmpty, seedScenario } from './seed';
import { createStore } from './store';
import * as fx from './test-support';
import { tempTestDatabase } from '../testing/test-db';

// A fast stand-in for scrypt: the seed's job is to store what it is given.
const fakeHash = async (pw: string) => `fake$${pw}`;

const tiny: Scenario = {
  id: 'tiny', name: '小', nameEn: 'Tiny', date: '2021-06-03',
  districts: [fx.district], streets: [fx.street], zones: [(({ updatedAt: _u, ...z }) => z)(fx.zone)],
  handoffPoints: [fx.handoffPoint], commodities: fx.commodities, depots: [fx.depot], vehicles: [fx.vehicle],
  staff: [fx.staff], users: [{ ...fx.user, password: 'driver123' }],
};

async function dump(store: Store) {
  return {
    districts: await store.districts.list(), streets: await store.streets.list(), zones: await store.zones.list(),
    handoffPoints: await store.handoffPoints.list(), commodities: await store.commodities.list(),
    depots: await store.depots.list(), vehicles: await store.vehicles.list(), staff: await store.staff.list(),
    users: await store.users.list(),
  };
}

describe('seedScenario', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  async function freshStore(): Promise<Store> {
    const temp = await tempTestDatabase();
    cleanups.push(temp.cleanup);
    await migrateLatest(temp.db);
    return createStore(temp.db);
  }

  it('writes every record of a scenario, and twice is the same as once', async () => {
    const store = await freshStore();
    expect(await isEmpty(store)).toBe(true);
    const summary = await seedScenario(store, tiny, fakeHash);
    expect(summary).toMatchObject({ scenario: 'tiny', zones: 1, depots: 1, users: 1 });
    expect(await isEmpty(store)).toBe(false);
    const once = await dump(store);
    expect(once.zones).toStrictEqual([{ ...fx.zone, updatedAt: '2021-06-03T00:00:00.000Z' }]);
    expect(once.depots).toStrictEqual([fx.depot]);
    expect(once.users).toStrictEqual([fx.user]);
    expect((await store.users.getByUsername('driver1'))?.passwordHash).toBe('fake$driver123');
    await seedScenario(store, tiny, fakeHash);
    expect(await dump(store)).toStrictEqual(once);
  });

  it('writes nothing when one record is bad, and names the record', async () => {
    const store = await freshStore();
    const bad: Scenario = { ...tiny, vehicles: [{ ...fx.vehicle, homeDepotId: 'missing-depot' }] };
    await expect(seedScenario(store, bad, fakeHash)).rejects.toThrow(/vehicle "v1"/);
    expect(await isEmpty(store)).toBe(true);
    expect(await store.zones.list()).toEqual([]);
  });

  it('hashes with the function it is given (real scrypt verifies)', async () => {
    const store = await freshStore();
    const { hashPassword } = await import('./passwords');
    await seedScenario(store, tiny, hashPassword);
    const record = await store.users.getByUsername('driver1');
    expect(await verifyPassword('driver123', record?.passwordHash ?? '')).toBe(true);
  });

  it.skipIf(!existsSync(scenarioPath('foshan-2021')))('seeds data/foshan-2021/scenario.json beside Liwan', async () => {
    const store = await freshStore();
    for (const name of ['liwan-2021', 'foshan-2021']) {
      if (existsSync(scenarioPath(name))) await seedScenario(store, loadScenario(name), fakeHash);
    }
    expect((await store.districts.list()).length).toBeGreaterThan(1);
  });
});

const liwanPresent = existsSync(scenarioPath('liwan-2021'));
if (!liwanPresent) console.warn('SKIPPED: seeding data/liwan-2021/scenario.json: the file is not there yet');

for (const backend of await fx.backends()) {
  describe.skipIf(!liwanPresent)(`seeding data/liwan-2021 on ${backend.kind}`, () => {
    it('writes every record, twice without change', async () => {
      const temp = await backend.open();
      try {
        await migrateLatest(temp.db);
        const store = createStore(temp.db);
        const liwan = loadScenario('liwan-2021');
        await seedScenario(store, liwan, fakeHash);
        const once = await dump(store);
        await seedScenario(store, liwan, fakeHash);
        expect(await dump(store)).toStrictEqual(once);
        expect(once.zones.length).toBe(liwan.zones.length);
        expect(once.handoffPoints.length).toBe(liwan.handoffPoints.length);
        expect(once.users.length).toBe(liwan.users.length);
        const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(once.depots).toStrictEqual(byId(liwan.depots));
        expect(once.vehicles).toStrictEqual(byId(liwan.vehicles));
        expect(once.staff).toStrictEqual(byId(liwan.staff));
        expect(once.zones).toStrictEqual(byId(liwan.zones).map((z) => ({ ...z, updatedAt: new Date(liwan.date).toISOString() })));
      } finally {
        await temp.cleanup();
      }
    });
  });
}

describe('scenario files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bg-scenarios-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads data/<name>/scenario.json and lists the scenarios present', () => {
    mkdirSync(join(dir, 'tiny'), { recursive: true });
    writeFileSync(join(dir, 'tiny', 'scenario.json'), JSON.stringify(tiny));
    mkdirSync(join(dir, 'empty-folder'));
    expect(loadScenario('tiny', dir)).toEqual(tiny);
    expect(listScenarios(dir)).toEqual(['tiny']);
  });

  it('refuses names that would leave data/, and explains a missing or broken file', () => {
    expect(() => loadScenario('../etc', dir)).toThrow(/lowercase/);
    expect(() => loadScenario('absent', dir)).toThrow(/not found/);
    mkdirSync(join(dir, 'broken'), { recursive: true });
    writeFileSync(join(dir, 'broken', 'scenario.json'), '{"districts": []}');
    expect(() => loadScenario('broken', dir)).toThrow(/lacks the array\(s\) streets/);
  });
});
