import { booleanPointInPolygon, area, polygon as turfPolygon } from '@turf/turf';
import type { District, LngLat, PolygonGeometry } from '../contract';
import { firstRingConflict } from './simple-rings';

/** One thing wrong with a polygon, addressed by a JSON-ish path so a form or import can point at it. */
export interface GeoProblem {
  path: string;
  message: string;
}

export interface PolygonCheckOptions {
  /** Path prefix used in problems, e.g. 'features[3].geometry'. */
  path?: string;
  /** A zone below this is almost certainly a typo (a few metres wide). */
  minAreaM2?: number;
  /** Larger than any district we plan for: usually degrees mixed up or a world-sized ring. */
  maxAreaM2?: number;
  /** When given, a polygon that only fits the district after swapping lng/lat is reported. */
  districtBbox?: District['bbox'];
}

export const DEFAULT_MIN_AREA_M2 = 100;
export const DEFAULT_MAX_AREA_M2 = 2_000 * 1_000_000;
/**
 * Most positions one polygon may hold, all rings together, closing positions included. A housing
 * estate's outline needs tens to hundreds; the cap bounds the work one request can ask for (the
 * checks are O(n log n), the map draws every vertex on every client).
 */
export const MAX_POLYGON_POSITIONS = 5_000;

/** Validates a zone polygon; an empty list means it is fit to store. Never throws. */
export function validatePolygon(input: unknown, options: PolygonCheckOptions = {}): GeoProblem[] {
  const base = options.path ?? 'polygon';
  const structural = checkStructure(input, base);
  if (structural.length > 0) {
    // Swapped coordinates fail the latitude range first; say why rather than only "out of range".
    if (options.districtBbox && looksLikeLatLng(input as PolygonGeometry, options.districtBbox)) {
      structural.unshift(swappedProblem(base));
    }
    return structural;
  }
  const geometry = input as PolygonGeometry;
  const problems: GeoProblem[] = [];
  if (options.districtBbox && looksLikeLatLng(geometry, options.districtBbox)) problems.push(swappedProblem(base));
  problems.push(...checkKinks(geometry, base));
  if (problems.length === 0) problems.push(...checkHoles(geometry, base));
  if (problems.length === 0) problems.push(...checkArea(geometry, base, options));
  return problems;
}

/**
 * True when the polygon lies outside the district's bounds as given, but inside them once every
 * position is read as [lat, lng]: the usual mistake when copying from a map that shows "lat, lng".
 */
export function looksLikeLatLng(geometry: PolygonGeometry, bbox: District['bbox']): boolean {
  const positions = allPositions(geometry);
  if (positions.length === 0) return false;
  const inside = (lng: number, lat: number): boolean =>
    lng >= bbox[0] && lng <= bbox[2] && lat >= bbox[1] && lat <= bbox[3];
  const allInsideAsGiven = positions.every(([a, b]) => inside(a, b));
  const allInsideSwapped = positions.every(([a, b]) => inside(b, a));
  return !allInsideAsGiven && allInsideSwapped;
}

function allPositions(geometry: PolygonGeometry): LngLat[] {
  if (!Array.isArray(geometry?.coordinates)) return [];
  const out: LngLat[] = [];
  for (const ring of geometry.coordinates) {
    if (!Array.isArray(ring)) continue;
    for (const p of ring) {
      if (Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number') out.push([p[0], p[1]]);
    }
  }
  return out;
}

function swappedProblem(base: string): GeoProblem {
  return {
    path: `${base}.coordinates`,
    message: 'coordinates look like [lat, lng] (they fall inside the district only when swapped); GeoJSON needs [lng, lat]',
  };
}

function checkStructure(input: unknown, base: string): GeoProblem[] {
  if (typeof input !== 'object' || input === null) return [{ path: base, message: 'polygon must be a GeoJSON object' }];
  const g = input as { type?: unknown; coordinates?: unknown };
  if (g.type !== 'Polygon') {
    return [{ path: `${base}.type`, message: `geometry type must be "Polygon", got ${JSON.stringify(g.type ?? null)}` }];
  }
  if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) {
    return [{ path: `${base}.coordinates`, message: 'coordinates must be a non-empty array of rings' }];
  }
  const positions = g.coordinates.reduce((n: number, ring: unknown) => n + (Array.isArray(ring) ? ring.length : 0), 0);
  if (positions > MAX_POLYGON_POSITIONS) {
    return [{ path: `${base}.coordinates`, message: `polygon has ${positions} positions; at most ${MAX_POLYGON_POSITIONS} are allowed (all rings together)` }];
  }
  const problems: GeoProblem[] = [];
  g.coordinates.forEach((ring: unknown, i) => problems.push(...checkRing(ring, `${base}.coordinates[${i}]`, i)));
  return problems;
}

function checkRing(ring: unknown, path: string, index: number): GeoProblem[] {
  const label = index === 0 ? 'outer ring' : `hole ${index}`;
  if (!Array.isArray(ring)) return [{ path, message: `${label} must be an array of positions` }];
  const problems: GeoProblem[] = [];
  ring.forEach((p: unknown, j) => problems.push(...checkPosition(p, `${path}[${j}]`)));
  if (problems.length > 0) return problems;
  if (ring.length < 4) {
    return [{ path, message: `${label} has ${ring.length} positions; a closed ring needs at least 4 (3 corners + the first repeated)` }];
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    problems.push({ path: `${path}[${ring.length - 1}]`, message: `${label} is not closed: the last position must repeat the first` });
  }
  return problems;
}

function checkPosition(p: unknown, path: string): GeoProblem[] {
  if (!Array.isArray(p) || p.length < 2) return [{ path, message: 'position must be [lng, lat]' }];
  const [lng, lat] = p as unknown[];
  if (typeof lng !== 'number' || !Number.isFinite(lng) || typeof lat !== 'number' || !Number.isFinite(lat)) {
    return [{ path, message: 'position must hold two finite numbers [lng, lat]' }];
  }
  const problems: GeoProblem[] = [];
  if (lng < -180 || lng > 180) problems.push({ path, message: `longitude ${lng} is outside -180..180` });
  if (lat < -90 || lat > 90) problems.push({ path, message: `latitude ${lat} is outside -90..90` });
  return problems;
}

function checkKinks(geometry: PolygonGeometry, base: string): GeoProblem[] {
  const at = firstRingConflict(geometry.coordinates);
  if (!at) return [];
  return [{ path: `${base}.coordinates`, message: `polygon crosses itself or touches itself (first near [${at[0]}, ${at[1]}])` }];
}

/** No two rings meet (checkKinks), so each hole lies wholly inside or wholly outside: one position tells. */
function checkHoles(geometry: PolygonGeometry, base: string): GeoProblem[] {
  const [outer, ...holes] = geometry.coordinates;
  if (!outer) return [];
  const shell = turfPolygon([outer]);
  const problems: GeoProblem[] = [];
  holes.forEach((hole, h) => {
    if (!booleanPointInPolygon(hole[0]!, shell, { ignoreBoundary: true })) {
      problems.push({ path: `${base}.coordinates[${h + 1}][0]`, message: `hole ${h + 1} is not inside the outer ring` });
    }
  });
  return problems;
}

function checkArea(geometry: PolygonGeometry, base: string, options: PolygonCheckOptions): GeoProblem[] {
  const min = options.minAreaM2 ?? DEFAULT_MIN_AREA_M2;
  const max = options.maxAreaM2 ?? DEFAULT_MAX_AREA_M2;
  const m2 = area(turfPolygon(geometry.coordinates));
  if (m2 < min) return [{ path: base, message: `polygon area ${Math.round(m2)} m² is below the minimum of ${min} m²` }];
  if (m2 > max) return [{ path: base, message: `polygon area ${(m2 / 1e6).toFixed(1)} km² is above the maximum of ${max / 1e6} km²` }];
  return [];
}
