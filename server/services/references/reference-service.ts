import type { Commodity, User } from '../../contract';
import { writeAudited } from '../audit';
import { forbidden, notFound } from '../errors';
import type { Store } from '../ports';
import { canReadDistrict, canReadDistrictOrCity, listDistrict } from '../scope';

export interface CommodityUpdate {
  name?: string;
  nameEn?: string;
  dailyRationKgPerPerson: number;
  coldChain?: boolean;
}

/** Districts, streets, commodities (rations), handoff points and the audit log. */
export function createReferenceService(store: Store, now: () => Date) {
  return {
    async districts(actor: User) {
      return (await store.districts.list()).filter((d) => actor.role !== 'driver' && canReadDistrictOrCity(actor, d.id));
    },
    streets: (actor: User, districtId?: string) => store.streets.list({ districtId: listDistrict(actor, districtId) }),
    commodities: () => store.commodities.list(),

    updateCommodity: (actor: User, id: string, update: CommodityUpdate) =>
      writeAudited(store, actor, now, async (tx) => {
        if (actor.role !== 'coordinator') throw forbidden('only coordinators may change rations');
        const before = (await tx.commodities.list()).find((c) => c.id === id);
        if (!before) throw notFound('commodity', id);
        const after: Commodity = { ...before, ...update };
        await tx.commodities.upsert(after);
        return { result: after, audit: { action: 'commodity.update', entity: 'commodity', entityId: id, detail: update } };
      }),

    async handoffPoints(actor: User, zoneId?: string) {
      if (actor.role === 'driver') throw forbidden('drivers may not list handoff points');
      if (zoneId) {
        const zone = await store.zones.get(zoneId);
        if (!zone || !canReadDistrict(actor, zone.districtId)) throw notFound('zone', zoneId, 'query.zoneId');
        return store.handoffPoints.list({ zoneId });
      }
      return store.handoffPoints.list({ districtId: listDistrict(actor, undefined) });
    },

    async audit(actor: User, filter: { entity?: string; action?: string; limit?: number }) {
      if (actor.role !== 'coordinator') throw forbidden('only coordinators may read the audit log');
      return store.audit.list({ ...filter, limit: filter.limit ?? 200 });
    },
  };
}

export type ReferenceService = ReturnType<typeof createReferenceService>;
