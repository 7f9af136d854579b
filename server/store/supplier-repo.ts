import type { Knex } from 'knex';
import type { Supplier, SupplierDelivery } from '../contract';
import type { DistrictFilter } from '../services/references/ports';
import type { SupplierRepo } from '../services/supply/ports';
import { atomically, type Codec } from './codec';

interface SupplierRow {
  id: string;
  district_id: string | null;
  name: string;
  name_en: string;
  kind: Supplier['kind'];
  contact: string;
  active_from: string;
  active_until: string | null;
  note: string;
  updated_at: string;
}

interface DeliveryRow {
  supplier_id: string;
  depot_id: string;
  commodity_id: string;
  kg_per_day: number;
  arrives_at: string;
  lead_time_days: number;
}

export function createSupplierRepo(db: Knex, codec: Codec): SupplierRepo {
  const fromRow = (r: SupplierRow, deliveries: SupplierDelivery[]): Supplier => ({
    id: r.id, districtId: r.district_id, name: r.name, nameEn: r.name_en, kind: r.kind, contact: r.contact, deliveries,
    activeFrom: r.active_from, activeUntil: r.active_until, note: r.note,
  });

  async function deliveriesOf(ids: readonly string[]): Promise<Map<string, SupplierDelivery[]>> {
    const out = new Map<string, SupplierDelivery[]>();
    if (ids.length === 0) return out;
    const rows: DeliveryRow[] = await db('supplier_deliveries').select('*').whereIn('supplier_id', ids)
      .orderBy(codec.orderBy('depot_id')).orderBy(codec.orderBy('commodity_id'));
    for (const r of rows) {
      const d: SupplierDelivery = { depotId: r.depot_id, commodityId: r.commodity_id, kgPerDay: Number(r.kg_per_day), arrivesAt: r.arrives_at, leadTimeDays: Number(r.lead_time_days) };
      out.set(r.supplier_id, [...(out.get(r.supplier_id) ?? []), d]);
    }
    return out;
  }

  return {
    async list(filter: DistrictFilter = {}) {
      const q = db<SupplierRow>('suppliers').select('*');
      if (filter.districtId !== undefined) q.where({ district_id: filter.districtId });
      const rows: SupplierRow[] = await q.orderBy(codec.orderBy('id'));
      const deliveries = await deliveriesOf(rows.map((r) => r.id));
      return rows.map((r) => fromRow(r, deliveries.get(r.id) ?? []));
    },
    async get(id) {
      const row = await db<SupplierRow>('suppliers').where({ id }).first();
      return row ? fromRow(row, (await deliveriesOf([id])).get(id) ?? []) : null;
    },
    async upsert(s) {
      await atomically(db, async (trx) => {
        await trx('suppliers').insert({
          id: s.id, district_id: s.districtId, name: s.name, name_en: s.nameEn, kind: s.kind, contact: s.contact,
          active_from: s.activeFrom, active_until: s.activeUntil, note: s.note, updated_at: new Date().toISOString(),
        }).onConflict('id').merge();
        await trx('supplier_deliveries').where({ supplier_id: s.id }).delete();
        if (s.deliveries.length > 0) {
          await trx('supplier_deliveries').insert(s.deliveries.map((d): DeliveryRow => ({
            supplier_id: s.id, depot_id: d.depotId, commodity_id: d.commodityId, kg_per_day: d.kgPerDay, arrives_at: d.arrivesAt, lead_time_days: d.leadTimeDays,
          })));
        }
      });
    },
    async delete(id) {
      return atomically(db, async (trx) => {
        await trx('supplier_deliveries').where({ supplier_id: id }).delete();
        return (await trx('suppliers').where({ id }).delete()) > 0;
      });
    },
  };
}
