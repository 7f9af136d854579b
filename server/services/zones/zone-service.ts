import { randomUUID } from 'node:crypto';
import type { ImportResult, User, Zone, ZoneFeatureCollection, ZoneInput } from '../../contract';
import { representativePoint } from '../../domain/geo';
import { isKnownTier, type TierRule } from '../../domain/tiers';
import { writeAudited } from '../audit';
import { zonePolygonProblems } from './zone-geometry';
import { AppError, notFound } from '../errors';
import type { Store } from '../ports';
import { assertCanWriteDistrict, canReadDistrict, listDistrict } from '../scope';

export interface ZoneServiceDeps {
  store: Store;
  tierRules: readonly TierRule[];
  now: () => Date;
  /** Runs inside each zone write's transaction (the playbook starts a checklist when a zone is sealed). */
  onZoneWritten?: (tx: Store, before: Zone | null, zone: Zone) => Promise<void>;
}

export function createZoneService({ store, tierRules, now, onZoneWritten = async () => {} }: ZoneServiceDeps) {
  async function readable(actor: User, id: string, tx: Store = store): Promise<Zone> {
    const zone = await tx.zones.get(id);
    if (!zone || !canReadDistrict(actor, zone.districtId)) throw notFound('zone', id);
    return zone;
  }

  /** Checks everything about an input that a schema cannot: references, tier, geometry, scope. */
  async function toZone(actor: User, input: ZoneInput, id: string, fieldPrefix: string, tx: Store): Promise<Zone> {
    assertCanWriteDistrict(actor, input.districtId, `${fieldPrefix}districtId`);
    const district = await tx.districts.get(input.districtId);
    if (!district) throw notFound('district', input.districtId, `${fieldPrefix}districtId`);
    if (input.streetId) {
      const street = await tx.streets.get(input.streetId);
      // Another district's street answers as a missing one: the write must not probe its ids.
      if (!street || !canReadDistrict(actor, street.districtId)) throw notFound('street', input.streetId, `${fieldPrefix}streetId`);
      if (street.districtId !== input.districtId) {
        throw new AppError('VALIDATION', `${fieldPrefix}streetId: street "${street.id}" is not in district "${input.districtId}"`, `${fieldPrefix}streetId`);
      }
    }
    if (!isKnownTier(input.tier, tierRules)) {
      throw new AppError('VALIDATION', `${fieldPrefix}tier: unknown tier "${input.tier}" (known: ${tierRules.map((r) => r.tier).join(', ')})`, `${fieldPrefix}tier`);
    }
    if (input.households > input.population) {
      throw new AppError('VALIDATION', `${fieldPrefix}households: ${input.households} households exceed the population of ${input.population}`, `${fieldPrefix}households`);
    }
    const problem = zonePolygonProblems(input.polygon, district)[0];
    if (problem) {
      const field = `${fieldPrefix}${problem.path}`;
      throw new AppError('VALIDATION', `${field}: ${problem.message}`, field);
    }
    const status = input.status ?? 'active';
    return {
      id,
      districtId: input.districtId,
      streetId: input.streetId ?? null,
      name: input.name,
      nameEn: input.nameEn ?? '',
      tier: input.tier,
      status,
      population: input.population,
      populationEstimated: input.populationEstimated ?? false,
      households: input.households,
      specialNeeds: {
        elderlyAlone: input.specialNeeds?.elderlyAlone ?? 0,
        infants: input.specialNeeds?.infants ?? 0,
        chronicPatients: input.specialNeeds?.chronicPatients ?? 0,
      },
      polygon: input.polygon,
      sealedAt: input.sealedAt ?? (status === 'active' ? now().toISOString() : null),
      liftedAt: input.liftedAt ?? null,
      updatedAt: now().toISOString(),
    };
  }

  /** A new zone gets one handoff point at its gate-less centre so the planner can route to it at once. */
  async function ensureHandoffPoint(tx: Store, zone: Zone): Promise<void> {
    const existing = await tx.handoffPoints.list({ zoneId: zone.id });
    if (existing.length > 0) return;
    await tx.handoffPoints.upsert({
      id: `${zone.id}-gate-1`, zoneId: zone.id, name: `${zone.name} 1号卡口`, location: representativePoint(zone.polygon),
    });
  }

  return {
    list: (actor: User, districtId?: string) => store.zones.list({ districtId: listDistrict(actor, districtId) }),
    get: (actor: User, id: string) => readable(actor, id),

    create: (actor: User, input: ZoneInput) =>
      writeAudited(store, actor, now, async (tx) => {
        const id = input.id ?? randomUUID();
        if (await tx.zones.get(id)) throw new AppError('CONFLICT', `body.id: zone "${id}" already exists`, 'body.id');
        const zone = await toZone(actor, input, id, 'body.', tx);
        await tx.zones.upsert(zone);
        await ensureHandoffPoint(tx, zone);
        await onZoneWritten(tx, null, zone);
        return { result: zone, audit: { action: 'zone.create', entity: 'zone', entityId: id, detail: input } };
      }),

    update: (actor: User, id: string, input: ZoneInput) =>
      writeAudited(store, actor, now, async (tx) => {
        const before = await readable(actor, id, tx);
        assertCanWriteDistrict(actor, before.districtId, 'districtId');
        if (input.id !== undefined && input.id !== id) {
          throw new AppError('VALIDATION', `body.id: "${input.id}" does not match the zone in the path "${id}"`, 'body.id');
        }
        const zone = await toZone(actor, { ...input, sealedAt: input.sealedAt ?? before.sealedAt }, id, 'body.', tx);
        await tx.zones.upsert(zone);
        await onZoneWritten(tx, before, zone);
        return { result: zone, audit: { action: 'zone.update', entity: 'zone', entityId: id, detail: input } };
      }),

    remove: (actor: User, id: string) =>
      writeAudited(store, actor, now, async (tx) => {
        const before = await readable(actor, id, tx);
        assertCanWriteDistrict(actor, before.districtId, 'districtId');
        await tx.handoffPoints.deleteForZone(id);
        await tx.zones.delete(id);
        return { result: { deleted: true as const }, audit: { action: 'zone.delete', entity: 'zone', entityId: id, detail: { name: before.name } } };
      }),

    importFeatures: (actor: User, collection: ZoneFeatureCollection) =>
      writeAudited(store, actor, now, async (tx) => {
        const counts: ImportResult = { created: 0, updated: 0 };
        for (const [i, feature] of collection.features.entries()) {
          const input = { ...feature.properties, polygon: feature.geometry } as ZoneInput;
          const prefix = `body.features.${i}.properties.`;
          for (const key of ['districtId', 'tier', 'population', 'households'] as const) {
            if (input[key] === undefined) throw new AppError('VALIDATION', `${prefix}${key}: is required`, `${prefix}${key}`);
          }
          const id = input.id ?? randomUUID();
          const before = await tx.zones.get(id);
          // An id taken in another district answers as create does for any taken id.
          if (before && !canReadDistrict(actor, before.districtId)) throw new AppError('CONFLICT', `${prefix}id: zone "${id}" already exists`, `${prefix}id`);
          if (before) assertCanWriteDistrict(actor, before.districtId, `${prefix}districtId`);
          const zone = await toZone(actor, input, id, prefix, tx).catch((err: unknown) => {
            throw rewriteGeometryField(err, i);
          });
          await tx.zones.upsert(zone);
          await ensureHandoffPoint(tx, zone);
          await onZoneWritten(tx, before, zone);
          counts[before ? 'updated' : 'created'] += 1;
        }
        return { result: counts, audit: { action: 'zone.import', entity: 'zone', entityId: null, detail: counts } };
      }),
  };
}

// In a FeatureCollection the polygon lives at features[i].geometry, not in the properties.
function rewriteGeometryField(err: unknown, index: number): unknown {
  if (!(err instanceof AppError) || !err.field?.includes('.properties.polygon')) return err;
  const field = err.field.replace('.properties.polygon', '.geometry');
  return new AppError(err.code, err.message.replace(err.field, field), field);
}

export type ZoneService = ReturnType<typeof createZoneService>;
