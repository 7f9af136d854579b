import type { Knex } from 'knex';
import type { Depot } from '../contract';
import type { DepotRepo } from '../services/ports';
import type { DistrictFilter } from '../services/references/ports';
import { atomically, type Codec } from './codec';

interface DepotRow {
  id: string;
  district_id: string | null;
  name: string;
  name_en: string;
  lng: number;
  lat: number;
  opens_at: string;
  closes_at: string;
}

interface StockRow {
  depot_id: string;
  commodity_id: string;
  kg: number;
}

const depotToRow = (d: Depot): DepotRow => ({
  id: d.id, district_id: d.districtId, name: d.name, name_en: d.nameEn,
  lng: d.location[0], lat: d.location[1], opens_at: d.opensAt, closes_at: d.closesAt,
});

const depotFromRow = (r: DepotRow, stockKg: Record<string, number>): Depot => ({
  id: r.id, districtId: r.district_id, name: r.name, nameEn: r.name_en,
  location: [r.lng, r.lat], opensAt: r.opens_at, closesAt: r.closes_at, stockKg,
});

export function createDepotRepo(db: Knex, codec: Codec): DepotRepo {
  /** Stock of the depots the subquery selects, grouped per depot, commodities in id order. */
  async function stockOf(depotIds: Knex.QueryBuilder): Promise<Map<string, Record<string, number>>> {
    const rows = await db<StockRow>('depot_stock').select('*').whereIn('depot_id', depotIds)
      .orderBy(codec.orderBy('commodity_id'));
    const byDepot = new Map<string, Record<string, number>>();
    for (const r of rows) {
      const stock = byDepot.get(r.depot_id) ?? {};
      stock[r.commodity_id] = r.kg;
      byDepot.set(r.depot_id, stock);
    }
    return byDepot;
  }

  return {
    async list(filter: DistrictFilter = {}) {
      const scoped = (q: Knex.QueryBuilder) => (filter.districtId === undefined ? q : q.where({ district_id: filter.districtId }));
      const rows: DepotRow[] = await scoped(db('depots').select('*')).orderBy(codec.orderBy('id'));
      const stock = await stockOf(scoped(db('depots').select('id')));
      return rows.map((r) => depotFromRow(r, stock.get(r.id) ?? {}));
    },
    async get(id) {
      const row = await db<DepotRow>('depots').where({ id }).first();
      if (!row) return null;
      const stock = await stockOf(db('depots').select('id').where({ id }));
      return depotFromRow(row, stock.get(id) ?? {});
    },
    async upsert(depot) {
      await atomically(db, async (trx) => {
        await trx('depots').insert(depotToRow(depot)).onConflict('id').merge();
        await trx('depot_stock').where({ depot_id: depot.id }).delete();
        const rows: StockRow[] = Object.entries(depot.stockKg)
          .map(([commodityId, kg]) => ({ depot_id: depot.id, commodity_id: commodityId, kg }));
        if (rows.length) await trx('depot_stock').insert(rows);
      });
    },
    async setStock(depotId, commodityId, kg) {
      const row: StockRow = { depot_id: depotId, commodity_id: commodityId, kg };
      await db('depot_stock').insert(row).onConflict(['depot_id', 'commodity_id']).merge(['kg']);
    },
    async delete(id) {
      // Its stock goes with it (ON DELETE CASCADE); vans based here block it (RESTRICT).
      return (await db('depots').where({ id }).delete()) > 0;
    },
    async drawStock(depotId, kg) {
      const short: Record<string, number> = {};
      for (const [commodityId, want] of Object.entries(kg)) {
        if (!(want > 0)) continue;
        const row = () => db('depot_stock').where({ depot_id: depotId, commodity_id: commodityId });
        // Each step is one conditional statement, so a concurrent writer (another process on
        // PostgreSQL) can only make a step miss, never make the stock negative; a miss retries.
        for (;;) {
          if (await row().where('kg', '>=', want).update({ kg: db.raw('kg - ?', [want]) }) > 0) break;
          const have = await row().first('kg');
          if (!have) { short[commodityId] = want; break; }
          const left = Number(have.kg);
          if (left >= want) continue;
          if (await row().where('kg', left).update({ kg: 0 }) > 0) {
            short[commodityId] = want - left;
            break;
          }
        }
      }
      return short;
    },
  };
}
