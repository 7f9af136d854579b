import type { Knex } from 'knex';
import type { SupplyChannel } from '../contract';
import type { DistrictFilter } from '../services/references/ports';
import type { HouseholdStockRepo, SupplyChannelRepo } from '../services/supply/ports';
import { atomically, type Codec } from './codec';

interface ChannelRow {
  id: string;
  district_id: string;
  name: string;
  name_en: string;
  kind: SupplyChannel['kind'];
  capacity: unknown;
  opens_at: string;
  closes_at: string;
  tiers: unknown;
  active_from: string;
  active_until: string | null;
  note: string;
  updated_at: string;
}

export function createSupplyChannelRepo(db: Knex, codec: Codec): SupplyChannelRepo {
  const fromRow = (r: ChannelRow, zoneIds: string[]): SupplyChannel => ({
    id: r.id, districtId: r.district_id, name: r.name, nameEn: r.name_en, kind: r.kind, zoneIds,
    capacity: codec.fromJson(r.capacity) as SupplyChannel['capacity'], opensAt: r.opens_at, closesAt: r.closes_at,
    tiers: codec.fromJson(r.tiers) as string[], activeFrom: r.active_from, activeUntil: r.active_until, note: r.note,
  });

  async function zonesOf(ids: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (ids.length === 0) return out;
    const rows: { channel_id: string; zone_id: string }[] = await db('supply_channel_zones').select('*')
      .whereIn('channel_id', ids).orderBy(codec.orderBy('zone_id'));
    for (const r of rows) out.set(r.channel_id, [...(out.get(r.channel_id) ?? []), r.zone_id]);
    return out;
  }

  return {
    async list(filter: DistrictFilter = {}) {
      const q = db<ChannelRow>('supply_channels').select('*');
      if (filter.districtId !== undefined) q.where({ district_id: filter.districtId });
      const rows: ChannelRow[] = await q.orderBy(codec.orderBy('id'));
      const zones = await zonesOf(rows.map((r) => r.id));
      return rows.map((r) => fromRow(r, zones.get(r.id) ?? []));
    },
    async get(id) {
      const row = await db<ChannelRow>('supply_channels').where({ id }).first();
      return row ? fromRow(row, (await zonesOf([id])).get(id) ?? []) : null;
    },
    async upsert(ch) {
      await atomically(db, async (trx) => {
        await trx('supply_channels').insert({
          id: ch.id, district_id: ch.districtId, name: ch.name, name_en: ch.nameEn, kind: ch.kind,
          capacity: codec.json(ch.capacity), opens_at: ch.opensAt, closes_at: ch.closesAt, tiers: codec.json(ch.tiers),
          active_from: ch.activeFrom, active_until: ch.activeUntil, note: ch.note, updated_at: new Date().toISOString(),
        }).onConflict('id').merge();
        await trx('supply_channel_zones').where({ channel_id: ch.id }).delete();
        if (ch.zoneIds.length > 0) await trx('supply_channel_zones').insert(ch.zoneIds.map((zone_id) => ({ channel_id: ch.id, zone_id })));
      });
    },
    async delete(id) {
      return atomically(db, async (trx) => {
        await trx('supply_channel_zones').where({ channel_id: id }).delete();
        return (await trx('supply_channels').where({ id }).delete()) > 0;
      });
    },
  };
}

export function createHouseholdStockRepo(db: Knex): HouseholdStockRepo {
  return {
    async get() {
      const rows: { commodity_id: string; days: number }[] = await db('household_stock_days').select('*');
      return Object.fromEntries(rows.map((r) => [r.commodity_id, Number(r.days)]));
    },
    async set(days) {
      await atomically(db, async (trx) => {
        for (const [commodity_id, d] of Object.entries(days)) {
          await trx('household_stock_days').insert({ commodity_id, days: d }).onConflict('commodity_id').merge();
        }
      });
    },
  };
}
