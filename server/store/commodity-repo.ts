import type { Knex } from 'knex';
import type { Commodity } from '../contract';
import type { CommodityRepo } from '../services/references/ports';
import type { Codec } from './codec';

interface CommodityRow {
  id: string;
  name: string;
  name_en: string;
  unit: 'kg';
  daily_ration_kg_per_person: number;
  cold_chain: unknown;
}

export function createCommodityRepo(db: Knex, codec: Codec): CommodityRepo {
  return {
    async list() {
      const rows = await db<CommodityRow>('commodities').select('*').orderBy(codec.orderBy('id'));
      return rows.map((r): Commodity => ({
        id: r.id, name: r.name, nameEn: r.name_en, unit: r.unit,
        dailyRationKgPerPerson: r.daily_ration_kg_per_person, coldChain: codec.fromBool(r.cold_chain),
      }));
    },
    async upsert(c) {
      const row: CommodityRow = {
        id: c.id, name: c.name, name_en: c.nameEn, unit: c.unit,
        daily_ration_kg_per_person: c.dailyRationKgPerPerson, cold_chain: c.coldChain,
      };
      await db('commodities').insert(row).onConflict('id').merge();
    },
  };
}
