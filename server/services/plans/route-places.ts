import type { PlannedRoute, RouteHandoffPlace, RouteZoneName } from '../../contract';
import { DEFAULT_TIER_RULES, isKnownTier, tierRuleFor, type TierRule } from '../../domain/tiers';
import type { Store } from '../ports';

/** Names for the zones and handoff points a route visits, so the driver's phone shows 鹤园小区 东门, not an id.
 * Read per distinct zone (a route has tens of stops; the city may have 10,000 zones). */
export async function routePlaces(store: Store, route: PlannedRoute, tierRules: readonly TierRule[] = DEFAULT_TIER_RULES): Promise<{
  zoneNames: Record<string, RouteZoneName>;
  handoffPlaces: Record<string, RouteHandoffPlace>;
}> {
  const stops = route.trips.flatMap((t) => t.stops);
  const zoneIds = [...new Set(stops.map((s) => s.zoneId))];
  const pointIds = new Set(stops.flatMap((s) => (s.handoffPointId ? [s.handoffPointId] : [])));
  const zoneNames: Record<string, RouteZoneName> = {};
  const handoffPlaces: Record<string, RouteHandoffPlace> = {};
  const districts = new Map((await store.districts.list()).map((d) => [d.id, d]));
  for (const zoneId of zoneIds) {
    const zone = await store.zones.get(zoneId);
    if (!zone) continue;
    const rule = isKnownTier(zone.tier, tierRules) ? tierRuleFor(zone.tier, tierRules) : null;
    zoneNames[zone.id] = {
      name: zone.name, nameEn: zone.nameEn,
      ...(rule ? { tier: rule.tier, tierName: rule.nameZh, tierNameEn: rule.nameEn, handoffMode: rule.handoffMode } : {}),
    };
    const district = districts.get(zone.districtId);
    const street = zone.streetId ? await store.streets.get(zone.streetId) : null;
    const area = [district?.name, street?.name].filter(Boolean).join(' ');
    const areaEn = [street?.nameEn, district?.nameEn].filter(Boolean).join(', ');
    for (const point of await store.handoffPoints.list({ zoneId })) {
      if (!pointIds.has(point.id)) continue;
      handoffPlaces[point.id] = { name: point.name, zoneName: zone.name, zoneNameEn: zone.nameEn, area, areaEn };
    }
  }
  return { zoneNames, handoffPlaces };
}
