import type { Knex } from 'knex';
import type { RequestRecord, RequestRepo } from '../services/requests/ports';
import { canonicalIso } from './codec';

interface RequestRow {
  id: string;
  receipt_id: string;
  zone_id: string;
  district_id: string;
  category: RequestRecord['category'];
  commodity_id: string | null;
  building: string;
  contact: string;
  text: string;
  text_hash: string;
  status: RequestRecord['status'];
  owner_id: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

const toRow = (r: RequestRecord): RequestRow => ({
  id: r.id, receipt_id: r.receiptId, zone_id: r.zoneId, district_id: r.districtId, category: r.category, commodity_id: r.commodityId,
  building: r.building, contact: r.contact, text: r.text, text_hash: r.textHash, status: r.status, owner_id: r.ownerId, note: r.note,
  // Canonical ISO so that text comparison is time comparison (age filters, duplicates).
  created_at: canonicalIso(r.createdAt), updated_at: canonicalIso(r.updatedAt),
});

const fromRow = (r: RequestRow): RequestRecord => ({
  id: r.id, receiptId: r.receipt_id, zoneId: r.zone_id, districtId: r.district_id, category: r.category, commodityId: r.commodity_id,
  building: r.building, contact: r.contact, text: r.text, textHash: r.text_hash, status: r.status, ownerId: r.owner_id, note: r.note,
  createdAt: r.created_at, updatedAt: r.updated_at,
});

export function createRequestRepo(db: Knex): RequestRepo {
  return {
    async insert(record) {
      await db('resident_requests').insert(toRow(record));
    },
    async get(id) {
      const row = await db<RequestRow>('resident_requests').where({ id }).first();
      return row ? fromRow(row) : null;
    },
    async list(filter = {}) {
      const q = db<RequestRow>('resident_requests').select('*').orderBy([{ column: 'created_at' }, { column: 'id' }]);
      if (typeof filter.status === 'string') q.where({ status: filter.status });
      else if (filter.status) q.whereIn('status', [...filter.status]);
      if (filter.category) q.where({ category: filter.category });
      if (filter.zoneId) q.where({ zone_id: filter.zoneId });
      if (filter.districtId) q.where({ district_id: filter.districtId });
      if (filter.createdBefore) q.where('created_at', '<=', canonicalIso(filter.createdBefore));
      if (filter.createdAfter) q.where('created_at', '>=', canonicalIso(filter.createdAfter));
      if (filter.limit) q.limit(filter.limit);
      return (await q).map(fromRow);
    },
    async update(id, patch) {
      await db('resident_requests').where({ id }).update({
        status: patch.status, owner_id: patch.ownerId, note: patch.note, updated_at: canonicalIso(patch.updatedAt),
      });
    },
    async findDuplicate(zoneId, textHash, sinceIso) {
      const row = await db<RequestRow>('resident_requests')
        .where({ zone_id: zoneId, text_hash: textHash }).andWhere('created_at', '>=', canonicalIso(sinceIso))
        .orderBy('created_at', 'desc').first();
      return row ? fromRow(row) : null;
    },
  };
}
