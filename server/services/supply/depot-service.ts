import type { Depot, DepotInput, ImportResult, User } from '../../contract';
import { writeAudited } from '../audit';
import { createCrudService } from '../crud-service';
import { notFound } from '../errors';
import type { Store } from '../ports';
import { districtRef } from '../references';
import { assertCanWriteDistrict, canReadDistrictOrCity, listDistrict } from '../scope';
import { parseStockCsv } from './stock-csv';

export function createDepotService(store: Store, now: () => Date) {
  async function assertCommodities(tx: Store, stockKg: Record<string, number>, field: string): Promise<void> {
    const known = new Set((await tx.commodities.list()).map((c) => c.id));
    for (const commodityId of Object.keys(stockKg)) {
      if (!known.has(commodityId)) throw notFound('commodity', commodityId, `${field}.${commodityId}`);
    }
  }

  const crud = createCrudService<Depot, DepotInput>(store, now, {
    entity: 'depot',
    repo: (s) => s.depots,
    canRead: (actor, d) => canReadDistrictOrCity(actor, d.districtId),
    districtOf: (d) => d.districtId,
    async build(actor, input, id, tx, before) {
      if (input.districtId) await districtRef(tx, actor, input.districtId, 'body.districtId');
      await assertCommodities(tx, input.stockKg ?? {}, 'body.stockKg');
      return {
        id, districtId: input.districtId ?? null, name: input.name, nameEn: input.nameEn ?? '', location: input.location,
        opensAt: input.opensAt, closesAt: input.closesAt, stockKg: input.stockKg ?? before?.stockKg ?? {},
      };
    },
    async inUse(tx, d) {
      const vehicles = (await tx.vehicles.list()).filter((v) => v.homeDepotId === d.id);
      return vehicles.length ? `depot "${d.id}" is the home of vehicle(s) ${vehicles.map((v) => v.id).join(', ')}` : null;
    },
  });

  async function readableDepot(actor: User, id: string, tx: Store): Promise<Depot> {
    if (actor.role === 'driver') {
      // A driver may read the home depot of their own vehicle, nothing else.
      const vehicle = actor.vehicleId ? await tx.vehicles.get(actor.vehicleId) : null;
      const depot = vehicle?.homeDepotId === id ? await tx.depots.get(id) : null;
      if (!depot) throw notFound('depot', id);
      return depot;
    }
    return crud.readable(actor, id, tx);
  }

  return {
    ...crud,
    get: (actor: User, id: string) => readableDepot(actor, id, store),

    async list(actor: User, districtId?: string): Promise<Depot[]> {
      const own = listDistrict(actor, districtId);
      const all = await store.depots.list();
      // Officials also see the city-level depots (no district) that supply them.
      return all.filter((d) => (own === undefined ? true : d.districtId === own || (actor.role !== 'coordinator' && d.districtId === null)));
    },

    setStock: (actor: User, id: string, stockKg: Record<string, number>) =>
      writeAudited(store, actor, now, async (tx) => {
        const depot = await readableDepot(actor, id, tx);
        assertCanWriteDistrict(actor, depot.districtId, 'districtId');
        await assertCommodities(tx, stockKg, 'body.stockKg');
        for (const [commodityId, kg] of Object.entries(stockKg)) await tx.depots.setStock(id, commodityId, kg);
        const after = (await tx.depots.get(id))!;
        return { result: after, audit: { action: 'depot.stock', entity: 'depot', entityId: id, detail: stockKg } };
      }),

    importStockCsv: (actor: User, csv: string) =>
      writeAudited(store, actor, now, async (tx) => {
        const rows = parseStockCsv(csv);
        const known = new Set((await tx.commodities.list()).map((c) => c.id));
        const counts: ImportResult = { created: 0, updated: 0 };
        for (const row of rows) {
          const at = `body.line ${row.line}`;
          const depot = await tx.depots.get(row.depotId);
          if (!depot || !canReadDistrictOrCity(actor, depot.districtId)) throw notFound('depot', row.depotId, `${at}.depotId`);
          assertCanWriteDistrict(actor, depot.districtId, `${at}.depotId`);
          if (!known.has(row.commodityId)) throw notFound('commodity', row.commodityId, `${at}.commodityId`);
          counts[row.commodityId in depot.stockKg ? 'updated' : 'created'] += 1;
          await tx.depots.setStock(row.depotId, row.commodityId, row.kg);
        }
        return { result: counts, audit: { action: 'stock.import', entity: 'depot', entityId: null, detail: { rows: rows.length } } };
      }),
  };
}

export type DepotService = ReturnType<typeof createDepotService>;
