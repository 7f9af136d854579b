import type { Knex } from 'knex';
import type { HandoffPoint, PolygonGeometry, Zone } from '../contract';
import type { HandoffPointRepo, TierSince, ZoneRepo } from '../services/zones/ports';
import type { Codec } from './codec';

interface ZoneRow {
  id: string;
  district_id: string;
  street_id: string | null;
  name: string;
  name_en: string;
  tier: string;
  status: Zone['status'];
  population: number;
  population_estimated: unknown;
  households: number;
  elderly_alone: number;
  infants: number;
  chronic_patients: number;
  polygon: unknown;
  sealed_at: string | null;
  lifted_at: string | null;
  updated_at: string;
}

interface HandoffPointRow {
  id: string;
  zone_id: string;
  name: string;
  lng: number;
  lat: number;
}

function zoneToRow(z: Zone, codec: Codec): ZoneRow {
  return {
    id: z.id, district_id: z.districtId, street_id: z.streetId, name: z.name, name_en: z.nameEn,
    tier: z.tier, status: z.status, population: z.population, population_estimated: z.populationEstimated,
    households: z.households, elderly_alone: z.specialNeeds.elderlyAlone, infants: z.specialNeeds.infants,
    chronic_patients: z.specialNeeds.chronicPatients, polygon: codec.json(z.polygon),
    sealed_at: z.sealedAt, lifted_at: z.liftedAt, updated_at: z.updatedAt,
  };
}

function zoneFromRow(r: ZoneRow, codec: Codec): Zone {
  return {
    id: r.id, districtId: r.district_id, streetId: r.street_id, name: r.name, nameEn: r.name_en,
    tier: r.tier, status: r.status, population: r.population,
    populationEstimated: codec.fromBool(r.population_estimated), households: r.households,
    specialNeeds: { elderlyAlone: r.elderly_alone, infants: r.infants, chronicPatients: r.chronic_patients },
    polygon: codec.fromJson(r.polygon) as PolygonGeometry,
    sealedAt: r.sealed_at, liftedAt: r.lifted_at, updatedAt: r.updated_at,
  };
}

export function createZoneRepo(db: Knex, codec: Codec): ZoneRepo {
  return {
    async list(filter = {}) {
      const q = db<ZoneRow>('zones').select('*').orderBy(codec.orderBy('id'));
      if (filter.districtId !== undefined) q.where({ district_id: filter.districtId });
      if (filter.status !== undefined) q.where({ status: filter.status });
      return (await q).map((r) => zoneFromRow(r, codec));
    },
    async get(id) {
      const row = await db<ZoneRow>('zones').where({ id }).first();
      return row ? zoneFromRow(row, codec) : null;
    },
    async upsert(zone) {
      await db('zones').insert(zoneToRow(zone, codec)).onConflict('id').merge();
      // A change is recorded against the tier in force at the write (a replay or a backdated sealing may
      // hold rows dated later than this write); the first row dates from the sealing.
      // Instants as UTC ISO strings, so that they compare as text.
      const at = new Date(zone.updatedAt).toISOString();
      const known = await db('zone_tiers').where({ zone_id: zone.id }).first();
      const inForce = await db('zone_tiers').where({ zone_id: zone.id }).andWhere('since', '<=', at).orderBy('since', 'desc').first();
      if (!known || inForce?.tier !== zone.tier) {
        const since = known ? at : new Date(zone.sealedAt ?? zone.updatedAt).toISOString();
        await db('zone_tiers').insert({ zone_id: zone.id, tier: zone.tier, since }).onConflict(['zone_id', 'since']).merge();
      }
    },
    async tierHistory(zoneIds) {
      const q = db('zone_tiers').select('zone_id', 'tier', 'since').orderBy([{ column: 'zone_id' }, { column: 'since' }]);
      if (zoneIds) q.whereIn('zone_id', [...zoneIds]);
      const out = new Map<string, TierSince[]>();
      for (const r of (await q) as { zone_id: string; tier: string; since: string }[]) {
        const list = out.get(r.zone_id) ?? [];
        list.push({ tier: r.tier, since: r.since });
        out.set(r.zone_id, list);
      }
      return out;
    },
    async delete(id) {
      // Its handoff points go with it (ON DELETE CASCADE).
      return (await db('zones').where({ id }).delete()) > 0;
    },
  };
}

const pointFromRow = (r: HandoffPointRow): HandoffPoint => ({
  id: r.id, zoneId: r.zone_id, name: r.name, location: [r.lng, r.lat],
});

export function createHandoffPointRepo(db: Knex, codec: Codec): HandoffPointRepo {
  return {
    async list(filter = {}) {
      const q = db<HandoffPointRow>('handoff_points').select('handoff_points.*').orderBy(codec.orderBy('handoff_points.id'));
      if (filter.zoneId !== undefined) q.where('handoff_points.zone_id', filter.zoneId);
      if (filter.districtId !== undefined) {
        q.join('zones', 'zones.id', 'handoff_points.zone_id').where('zones.district_id', filter.districtId);
      }
      return (await q).map(pointFromRow);
    },
    async upsert(p) {
      const row: HandoffPointRow = { id: p.id, zone_id: p.zoneId, name: p.name, lng: p.location[0], lat: p.location[1] };
      await db('handoff_points').insert(row).onConflict('id').merge();
    },
    async deleteForZone(zoneId) {
      await db('handoff_points').where({ zone_id: zoneId }).delete();
    },
  };
}
