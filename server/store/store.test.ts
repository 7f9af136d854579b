import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuplicateError } from '../services/errors';
import type { Store } from '../services/ports';
import { migrateLatest } from './db';
import { createStore } from './store';
import * as fx from './test-support';

// Every repository reads back exactly the DTO it was given, on SQLite and (when reachable) PostgreSQL.

async function seedFixtures(store: Store): Promise<void> {
  await store.districts.upsert(fx.district);
  await store.streets.upsert(fx.street);
  for (const c of fx.commodities) await store.commodities.upsert(c);
  await store.zones.upsert(fx.zone);
  await store.handoffPoints.upsert(fx.handoffPoint);
  await store.depots.upsert(fx.depot);
  await store.staff.upsert(fx.staff);
  await store.vehicles.upsert(fx.vehicle);
  await store.users.upsert(fx.user, 'hash-1');
}

for (const backend of await fx.backends()) {
  describe(`store round-trips on ${backend.kind}`, () => {
    let temp: fx.TempDatabase;
    let store: Store;
    beforeAll(async () => {
      temp = await backend.open();
      await migrateLatest(temp.db);
      store = createStore(temp.db);
      await seedFixtures(store);
    });
    afterAll(async () => temp?.cleanup());

    it('reports its kind', () => expect(store.kind).toBe(backend.kind));

    it('districts and streets', async () => {
      expect(await store.districts.get('d1')).toEqual(fx.district);
      expect(await store.districts.list()).toEqual([fx.district]);
      expect(await store.streets.get('s1')).toEqual(fx.street);
      expect(await store.streets.list({ districtId: 'd1' })).toEqual([fx.street]);
      expect(await store.streets.list({ districtId: 'other' })).toEqual([]);
      expect(await store.districts.get('nope')).toBeNull();
    });

    it('zones, with booleans, JSON polygon and nulls intact; upsert replaces the whole zone', async () => {
      expect(await store.zones.get('z1')).toStrictEqual(fx.zone);
      expect(await store.zones.list({ districtId: 'd1', status: 'active' })).toStrictEqual([fx.zone]);
      expect(await store.zones.list({ status: 'lifted' })).toEqual([]);
      const lifted = { ...fx.zone, id: 'z2', streetId: null, status: 'lifted' as const, populationEstimated: false,
        liftedAt: '2021-06-20T00:00:00.000Z', specialNeeds: { elderlyAlone: 0, infants: 3, chronicPatients: 0 } };
      await store.zones.upsert(lifted);
      expect(await store.zones.get('z2')).toStrictEqual(lifted);
      const renamed = { ...lifted, name: '改名', population: 1, populationEstimated: true };
      await store.zones.upsert(renamed);
      expect(await store.zones.get('z2')).toStrictEqual(renamed);
      expect(await store.zones.delete('z2')).toBe(true);
      expect(await store.zones.delete('z2')).toBe(false);
      expect(await store.zones.get('z2')).toBeNull();
    });

    it('handoff points, by zone and by district; deleteForZone', async () => {
      expect(await store.handoffPoints.list({ zoneId: 'z1' })).toEqual([fx.handoffPoint]);
      expect(await store.handoffPoints.list({ districtId: 'd1' })).toEqual([fx.handoffPoint]);
      expect(await store.handoffPoints.list({ districtId: 'other' })).toEqual([]);
      await store.handoffPoints.upsert({ ...fx.handoffPoint, id: 'h2', name: '西门' });
      expect((await store.handoffPoints.list()).map((p) => p.id)).toEqual(['h1', 'h2']);
      await store.handoffPoints.deleteForZone('z1');
      expect(await store.handoffPoints.list()).toEqual([]);
      await store.handoffPoints.upsert(fx.handoffPoint);
    });

    it('commodities, with the cold-chain flag and fractional rations', async () => {
      expect(await store.commodities.list()).toStrictEqual(fx.commodities);
    });

    it('depots carry stock for every commodity with a row; upsert replaces the stock; setStock upserts one row', async () => {
      expect(await store.depots.get('dep1')).toStrictEqual(fx.depot);
      expect(await store.depots.list({ districtId: 'd1' })).toStrictEqual([fx.depot]);
      const bare = { ...fx.depot, id: 'dep2', districtId: null, stockKg: {} };
      await store.depots.upsert(bare);
      expect(await store.depots.list()).toStrictEqual([fx.depot, bare]);
      await store.depots.setStock('dep2', 'meat', 42.5);
      await store.depots.setStock('dep2', 'meat', 40);
      expect((await store.depots.get('dep2'))?.stockKg).toEqual({ meat: 40 });
      await store.depots.upsert({ ...bare, stockKg: { eggs: 3 } });
      expect((await store.depots.get('dep2'))?.stockKg).toEqual({ eggs: 3 });
      expect(await store.depots.delete('dep2')).toBe(true);
      expect(await store.depots.get('dep2')).toBeNull();
      expect(await store.depots.delete('dep2')).toBe(false);
    });

    it('vehicles and staff; deleting a van unassigns its crew', async () => {
      expect(await store.vehicles.get('v1')).toStrictEqual(fx.vehicle);
      expect(await store.vehicles.list({ districtId: 'd1' })).toStrictEqual([fx.vehicle]);
      expect(await store.staff.get('st1')).toStrictEqual(fx.staff);
      expect(await store.staff.list({ districtId: 'd1' })).toStrictEqual([fx.staff]);
      const spare = { ...fx.vehicle, id: 'v2', driverId: null, districtId: null };
      const worker = { ...fx.staff, id: 'st2', role: 'handoff_worker' as const, passNumber: 'LW-0002', vehicleId: 'v2', districtId: null };
      await store.vehicles.upsert(spare);
      await store.staff.upsert(worker);
      expect(await store.vehicles.delete('v2')).toBe(true);
      expect(await store.staff.get('st2')).toStrictEqual({ ...worker, vehicleId: null });
      expect(await store.staff.delete('st2')).toBe(true);
      expect(await store.staff.delete('st2')).toBe(false);
    });

    it('users: the hash is returned only by getByUsername; list filters by role', async () => {
      expect(await store.users.get('u1')).toStrictEqual(fx.user);
      expect(await store.users.getByUsername('driver1')).toStrictEqual({ user: fx.user, passwordHash: 'hash-1' });
      expect(await store.users.getByUsername('nobody')).toBeNull();
      const coord = { ...fx.user, id: 'u0', username: 'coord', role: 'coordinator' as const, districtId: null, vehicleId: null };
      await store.users.upsert(coord, 'hash-0');
      expect(await store.users.list()).toStrictEqual([coord, fx.user]);
      expect(await store.users.list({ role: 'driver' })).toStrictEqual([fx.user]);
      await store.users.upsert(fx.user, 'hash-2');
      expect((await store.users.getByUsername('driver1'))?.passwordHash).toBe('hash-2');
    });

    it('sessions: findValid honours expiry and revocation', async () => {
      const base = { userId: 'u1', createdAt: '2021-06-01T00:00:00.000Z', expiresAt: '2021-06-01T12:00:00.000Z' };
      await store.sessions.create({ ...base, tokenHash: 'a' });
      await store.sessions.create({ ...base, tokenHash: 'b' });
      await store.sessions.create({ ...base, tokenHash: 'c' });
      expect(await store.sessions.findValid('a', '2021-06-01T11:59:59.999Z')).toStrictEqual({ ...base, tokenHash: 'a' });
      expect(await store.sessions.findValid('a', '2021-06-01T12:00:00.000Z')).toBeNull();
      // An offset instant is compared as the instant it is, not as text.
      expect(await store.sessions.findValid('a', '2021-06-01T19:59:00+08:00')).not.toBeNull();
      expect(await store.sessions.findValid('nope', '2021-06-01T01:00:00.000Z')).toBeNull();
      await store.sessions.revoke('a', '2021-06-01T01:00:00.000Z');
      expect(await store.sessions.findValid('a', '2021-06-01T01:00:00.000Z')).toBeNull();
      expect(await store.sessions.findValid('b', '2021-06-01T01:00:00.000Z')).not.toBeNull();
      expect(await store.sessions.revokeAllForUser('u1', '2021-06-01T02:00:00.000Z')).toBe(2);
      expect(await store.sessions.revokeAllForUser('u1', '2021-06-01T03:00:00.000Z')).toBe(0);
      expect(await store.sessions.findValid('c', '2021-06-01T01:00:00.000Z')).toBeNull();
    });

    it('sessions: validUsers answers many token hashes in one read, only those valid then', async () => {
      const base = { userId: 'u1', createdAt: '2021-06-02T00:00:00.000Z' };
      await store.sessions.create({ ...base, tokenHash: 'live-1', expiresAt: '2021-06-02T12:00:00.000Z' });
      await store.sessions.create({ ...base, tokenHash: 'live-2', expiresAt: '2021-06-02T01:00:00.000Z' });
      await store.sessions.create({ ...base, tokenHash: 'live-3', expiresAt: '2021-06-02T12:00:00.000Z' });
      await store.sessions.revoke('live-3', '2021-06-02T00:30:00.000Z');
      const valid = await store.sessions.validUsers(['live-1', 'live-2', 'live-3', 'unknown'], '2021-06-02T02:00:00.000Z');
      expect([...valid.keys()]).toEqual(['live-1']);
      expect(valid.get('live-1')).toEqual(fx.user);
    });

    it('plans: a version another plan of the same scope holds is the store\'s DuplicateError, not a driver error', async () => {
      const plan = (id: string) => ({
        id, version: null, status: 'draft' as const, date: '2021-06-03', districtId: 'd1', createdAt: '2021-06-02T00:00:00.000Z', createdBy: 'u1',
        publishedAt: null, basePlanId: null, progress: 1, error: null, kpis: null, result: null, changes: null, inputSettings: {},
      });
      await store.plans.insert(plan('p-dup-1'));
      await store.plans.insert(plan('p-dup-2'));
      expect(await store.plans.update('p-dup-1', { version: 7 })).toBe(true);
      await expect(store.plans.update('p-dup-2', { version: 7 })).rejects.toBeInstanceOf(DuplicateError);
      expect((await store.plans.get('p-dup-2'))?.version).toBeNull();
    });

    it('audit: entries come back newest first with their JSON detail as written', async () => {
      const details: unknown[] = [{ a: 1, nested: { b: [true, null, 'x'] } }, null, 42, 'text', [1, 2], false];
      for (const [i, detail] of details.entries()) {
        await store.audit.append({ at: `2021-06-01T00:00:0${i}.000Z`, userId: i ? 'u1' : null, action: 'zone.update', entity: 'zone', entityId: `z${i}`, detail });
      }
      await store.audit.append({ at: '2021-06-01T00:01:00.000Z', userId: null, action: 'depot.create', entity: 'depot', entityId: null, detail: {} });
      const zoneEntries = await store.audit.list({ entity: 'zone' });
      expect(zoneEntries.map((e) => e.detail)).toStrictEqual([...details].reverse());
      expect(zoneEntries[5]).toStrictEqual({ id: zoneEntries[5]?.id, at: '2021-06-01T00:00:00.000Z', userId: null, action: 'zone.update', entity: 'zone', entityId: 'z0', detail: details[0] });
      expect(typeof zoneEntries[0]?.id).toBe('number');
      expect(await store.audit.list({ entity: 'zone', entityId: 'z3' })).toHaveLength(1);
      expect((await store.audit.list({ limit: 2 })).map((e) => e.action)).toEqual(['depot.create', 'zone.update']);
    });
  });
}
