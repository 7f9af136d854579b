import type { Knex } from 'knex';
import type { District, Street } from '../contract';
import type { DistrictFilter, DistrictRepo, StreetRepo } from '../services/references/ports';
import type { Codec } from './codec';

interface DistrictRow {
  id: string;
  name: string;
  name_en: string;
  city: string;
  bbox_min_lng: number;
  bbox_min_lat: number;
  bbox_max_lng: number;
  bbox_max_lat: number;
}

interface StreetRow {
  id: string;
  district_id: string;
  name: string;
  name_en: string;
  stats_code: string | null;
}

const districtToRow = (d: District): DistrictRow => ({
  id: d.id, name: d.name, name_en: d.nameEn, city: d.city,
  bbox_min_lng: d.bbox[0], bbox_min_lat: d.bbox[1], bbox_max_lng: d.bbox[2], bbox_max_lat: d.bbox[3],
});

const districtFromRow = (r: DistrictRow): District => ({
  id: r.id, name: r.name, nameEn: r.name_en, city: r.city,
  bbox: [r.bbox_min_lng, r.bbox_min_lat, r.bbox_max_lng, r.bbox_max_lat],
});

const streetToRow = (s: Street): StreetRow => ({
  id: s.id, district_id: s.districtId, name: s.name, name_en: s.nameEn, stats_code: s.statsCode,
});

const streetFromRow = (r: StreetRow): Street => ({
  id: r.id, districtId: r.district_id, name: r.name, nameEn: r.name_en, statsCode: r.stats_code,
});

export function createDistrictRepo(db: Knex, codec: Codec): DistrictRepo {
  return {
    async list() {
      const rows = await db<DistrictRow>('districts').select('*').orderBy(codec.orderBy('id'));
      return rows.map(districtFromRow);
    },
    async get(id) {
      const row = await db<DistrictRow>('districts').where({ id }).first();
      return row ? districtFromRow(row) : null;
    },
    async upsert(district) {
      await db('districts').insert(districtToRow(district)).onConflict('id').merge();
    },
  };
}

export function createStreetRepo(db: Knex, codec: Codec): StreetRepo {
  return {
    async list(filter: DistrictFilter = {}) {
      const q = db<StreetRow>('streets').select('*').orderBy(codec.orderBy('id'));
      if (filter.districtId !== undefined) q.where({ district_id: filter.districtId });
      return (await q).map(streetFromRow);
    },
    async get(id) {
      const row = await db<StreetRow>('streets').where({ id }).first();
      return row ? streetFromRow(row) : null;
    },
    async upsert(street) {
      await db('streets').insert(streetToRow(street)).onConflict('id').merge();
    },
  };
}
