import { area, booleanPointInPolygon, centroid, intersect, featureCollection, pointOnFeature, polygon as turfPolygon } from '@turf/turf';
import type { LngLat, PolygonGeometry } from '../contract';

// Geometry helpers the planner and importers share. Inputs are assumed valid (see geo-validate).

/** A point guaranteed to lie inside the polygon: where a zone is drawn or routed to without a gate. */
export function representativePoint(geometry: PolygonGeometry): LngLat {
  const [lng, lat] = pointOnFeature(turfPolygon(geometry.coordinates)).geometry.coordinates;
  return [lng ?? 0, lat ?? 0];
}

/** Area-weighted centre; may fall outside a concave polygon, so prefer representativePoint for stops. */
export function centroidOf(geometry: PolygonGeometry): LngLat {
  const [lng, lat] = centroid(turfPolygon(geometry.coordinates)).geometry.coordinates;
  return [lng ?? 0, lat ?? 0];
}

export function polygonAreaM2(geometry: PolygonGeometry): number {
  return area(turfPolygon(geometry.coordinates));
}

/** Points on the boundary count as inside: a compound gate often sits on the zone's edge. */
export function containsPoint(geometry: PolygonGeometry, point: LngLat): boolean {
  return booleanPointInPolygon(point, turfPolygon(geometry.coordinates));
}

export function overlapAreaM2(a: PolygonGeometry, b: PolygonGeometry): number {
  const shared = intersect(featureCollection([turfPolygon(a.coordinates), turfPolygon(b.coordinates)]));
  return shared ? area(shared) : 0;
}

/** 5 decimals ≈ 1 m: finer than our sources and keeps files small. Keeps rings closed. */
export function roundPolygon(geometry: PolygonGeometry, decimals = 5): PolygonGeometry {
  const f = 10 ** decimals;
  const r = (x: number): number => Math.round(x * f) / f;
  return {
    type: 'Polygon',
    coordinates: geometry.coordinates.map((ring) => ring.map(([lng, lat]): LngLat => [r(lng), r(lat)])),
  };
}
