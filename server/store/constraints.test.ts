import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../services/ports';
import { migrateLatest } from './db';
import { isCheckViolation, isForeignKeyViolation, isNotNullViolation, isUniqueViolation, violatedConstraint } from './errors';
import { createStore } from './store';
import * as fx from './test-support';

async function caught(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (err) {
    return err;
  }
  throw new Error('expected the database to refuse');
}

for (const backend of await fx.backends()) {
  describe(`constraints and transactions on ${backend.kind}`, () => {
    let temp: fx.TempDatabase;
    let store: Store;
    let db: Knex;
    beforeAll(async () => {
      temp = await backend.open();
      db = temp.db;
      await migrateLatest(db);
      store = createStore(db);
      await store.districts.upsert(fx.district);
      await store.streets.upsert(fx.street);
      for (const c of fx.commodities) await store.commodities.upsert(c);
      await store.depots.upsert(fx.depot);
      await store.staff.upsert(fx.staff);
      await store.vehicles.upsert(fx.vehicle);
      await store.users.upsert(fx.user, 'h');
    });
    afterAll(async () => temp?.cleanup());

    it('a throw inside transaction() leaves nothing behind', async () => {
      const failure = new Error('boom');
      await expect(store.transaction(async (tx) => {
        await tx.zones.upsert(fx.zone);
        await tx.handoffPoints.upsert(fx.handoffPoint);
        await tx.depots.setStock('dep1', 'eggs', 1);
        await tx.audit.append({ at: '2021-06-01T00:00:00.000Z', userId: null, action: 'x', entity: 'zone', entityId: 'z1', detail: null });
        expect(await tx.zones.get('z1')).toEqual(fx.zone);
        throw failure;
      })).rejects.toBe(failure);
      expect(await store.zones.get('z1')).toBeNull();
      expect(await store.handoffPoints.list()).toEqual([]);
      expect((await store.depots.get('dep1'))?.stockKg).toEqual(fx.depot.stockKg);
      expect(await store.audit.list()).toEqual([]);
    });

    it('commits and returns the value; a nested transaction rolls back alone', async () => {
      const result = await store.transaction(async (tx) => {
        await tx.zones.upsert(fx.zone);
        await expect(tx.transaction(async (inner) => {
          await inner.handoffPoints.upsert(fx.handoffPoint);
          throw new Error('inner');
        })).rejects.toThrow('inner');
        return 'done';
      });
      expect(result).toBe('done');
      expect(await store.zones.get('z1')).toEqual(fx.zone);
      expect(await store.handoffPoints.list()).toEqual([]);
    });

    it('recognises foreign key violations', async () => {
      const err = await caught(() => store.zones.upsert({ ...fx.zone, id: 'z9', districtId: 'nowhere' }));
      expect(isForeignKeyViolation(err)).toBe(true);
      expect(isUniqueViolation(err)).toBe(false);
      // A van's driver must exist; staff who drive a van cannot be deleted.
      expect(isForeignKeyViolation(await caught(() => store.vehicles.upsert({ ...fx.vehicle, id: 'v9', driverId: 'ghost' })))).toBe(true);
      expect(isForeignKeyViolation(await caught(() => store.staff.delete('st1')))).toBe(true);
      expect(isForeignKeyViolation(await caught(() => store.depots.delete('dep1')))).toBe(true);
      // A login bound to the van blocks deleting the van, and nothing of the delete sticks.
      expect(isForeignKeyViolation(await caught(() => store.vehicles.delete('v1')))).toBe(true);
      expect(await store.staff.get('st1')).toEqual(fx.staff);
      expect(await store.vehicles.get('v1')).toEqual(fx.vehicle);
      expect(isForeignKeyViolation(await caught(() => store.depots.setStock('dep1', 'rice', 5)))).toBe(true);
    });

    it('recognises unique violations, also through a transaction', async () => {
      const err = await caught(() => store.users.upsert({ ...fx.user, id: 'u9' }, 'h'));
      expect(isUniqueViolation(err)).toBe(true);
      expect(isForeignKeyViolation(err)).toBe(false);
      expect(violatedConstraint(err)).toMatch(/username/);
      const viaTx = await caught(() => store.transaction((tx) => tx.staff.upsert({ ...fx.staff, id: 'st9' })));
      expect(isUniqueViolation(viaTx)).toBe(true);
      const session = { tokenHash: 't', userId: 'u1', createdAt: '2021-06-01T00:00:00Z', expiresAt: '2021-06-02T00:00:00Z' };
      await store.sessions.create(session);
      expect(isUniqueViolation(await caught(() => store.sessions.create(session)))).toBe(true);
    });

    it('CHECK refuses negative stock and other impossible numbers', async () => {
      const negative = await caught(() => store.depots.setStock('dep1', 'eggs', -0.5));
      expect(isCheckViolation(negative)).toBe(true);
      expect(violatedConstraint(negative)).toMatch(/depot_stock_kg_non_negative/);
      expect(isCheckViolation(await caught(() => store.depots.upsert({ ...fx.depot, stockKg: { eggs: -1 } })))).toBe(true);
      expect((await store.depots.get('dep1'))?.stockKg).toEqual(fx.depot.stockKg);
      expect(isCheckViolation(await caught(() => store.zones.upsert({ ...fx.zone, population: -1 })))).toBe(true);
      expect(isCheckViolation(await caught(() => store.vehicles.upsert({ ...fx.vehicle, coldChainKg: 2000 })))).toBe(true);
      expect(isCheckViolation(await caught(() => store.zones.upsert({ ...fx.zone, status: 'gone' as 'active' })))).toBe(true);
      expect(isNotNullViolation(await caught(() => db('districts').insert({ id: 'dx' })))).toBe(true);
    });

    it('the audit log refuses UPDATE and DELETE', async () => {
      await store.audit.append({ at: '2021-06-01T00:00:00.000Z', userId: 'u1', action: 'a', entity: 'zone', entityId: 'z1', detail: { n: 1 } });
      await expect(db('audit_log').update({ action: 'rewritten' })).rejects.toThrow(/append-only/);
      await expect(db('audit_log').delete()).rejects.toThrow(/append-only/);
      const [entry] = await store.audit.list();
      expect(entry?.action).toBe('a');
      if (backend.kind === 'postgres') await expect(db.raw('truncate audit_log')).rejects.toThrow(/append-only/);
    });

    it.skipIf(backend.kind !== 'sqlite')('names the mistake of using the root store inside a transaction instead of hanging', async () => {
      let later: Promise<unknown> = Promise.resolve();
      await expect(store.transaction(async () => {
        later = new Promise((done) => setTimeout(done, 20)).then(() => store.zones.list());
        await store.zones.list();
      })).rejects.toThrow(/store\.zones\.list\(\) called inside store\.transaction\(\): use the transaction's own store/);
      await expect(store.transaction(() => store.transaction(async () => 1))).rejects.toThrow(/inside store\.transaction/);
      // Work the transaction left running for afterwards uses the root store normally.
      expect(Array.isArray(await later)).toBe(true);
    });

    it('ignores what is not a constraint violation', () => {
      for (const err of [new Error('UNIQUE constraint failed'), null, 'x', { code: '23505x' }]) {
        expect(isUniqueViolation(err)).toBe(false);
        expect(isForeignKeyViolation(err)).toBe(false);
        expect(violatedConstraint(err)).toBeNull();
      }
    });
  });
}
