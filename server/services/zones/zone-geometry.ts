import type { District, PolygonGeometry } from '../../contract';
import { validatePolygon, type GeoProblem } from '../../domain/geo-validate';

/**
 * A zone polygon must be a valid polygon and lie within its district's bounds; a polygon that only
 * fits after swapping lng/lat is reported as such by validatePolygon.
 */
export function zonePolygonProblems(polygon: PolygonGeometry, district: District): GeoProblem[] {
  const problems = validatePolygon(polygon, { districtBbox: district.bbox, path: 'polygon' });
  if (problems.length > 0) return problems;
  const [minLng, minLat, maxLng, maxLat] = district.bbox;
  for (const [r, ring] of polygon.coordinates.entries()) {
    const i = ring.findIndex(([lng, lat]) => lng < minLng || lng > maxLng || lat < minLat || lat > maxLat);
    if (i >= 0) {
      return [{
        path: `polygon.coordinates.${r}.${i}`,
        message: `position [${ring[i]!.join(', ')}] lies outside district "${district.id}" (bounds ${district.bbox.join(', ')})`,
      }];
    }
  }
  return [];
}
