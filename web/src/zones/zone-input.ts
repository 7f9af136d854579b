import type { District, LngLat, PolygonGeometry, Zone, ZoneInput } from '../../../server/contract';
import { tierRank } from './tiers';

/** The PUT body that replaces a zone with a few fields changed (the schema is strict: no read-only fields). */
export function zoneToInput(zone: Zone, changes: Partial<ZoneInput> = {}): ZoneInput {
  return {
    districtId: zone.districtId,
    streetId: zone.streetId,
    name: zone.name,
    nameEn: zone.nameEn,
    tier: zone.tier,
    status: zone.status,
    population: zone.population,
    populationEstimated: zone.populationEstimated,
    households: zone.households,
    specialNeeds: zone.specialNeeds,
    polygon: zone.polygon,
    sealedAt: zone.sealedAt,
    liftedAt: zone.liftedAt,
    ...changes,
  };
}

/** A closed GeoJSON polygon from the corners clicked on the map. */
export function polygonFromPoints(points: readonly LngLat[]): PolygonGeometry {
  const ring = points.map(([lng, lat]) => [round6(lng), round6(lat)] as LngLat);
  const first = ring[0];
  if (first) ring.push([first[0], first[1]]);
  return { type: 'Polygon', coordinates: [ring] };
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** The most specific district whose bounds hold every corner (bounds overlap; the server checks the polygon). */
export function districtFor(districts: readonly District[], points: readonly LngLat[]): District | undefined {
  const area = ({ bbox: [a, b, c, d] }: District) => (c - a) * (d - b);
  return districts
    .filter(({ bbox: [minLng, minLat, maxLng, maxLat] }) =>
      points.length > 0 && points.every(([lng, lat]) => lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat))
    .sort((x, y) => area(x) - area(y))[0];
}

/**
 * Zones in the order an official reads them: by days of cover when known (fewest first), else strictest tier
 * first, then by population (largest first).
 */
export function sortZones(zones: readonly Zone[], coverDays?: ReadonlyMap<string, number>): Zone[] {
  return [...zones].sort((a, b) => {
    const ca = coverDays?.get(a.id);
    const cb = coverDays?.get(b.id);
    if (ca !== undefined || cb !== undefined) return (ca ?? Infinity) - (cb ?? Infinity);
    return tierRank(a.tier) - tierRank(b.tier) || b.population - a.population || a.name.localeCompare(b.name);
  });
}
