import {
  bbox as turfBbox, buffer, destination, featureCollection, intersect, point, polygon as turfPolygon, simplify, voronoi, area,
} from '@turf/turf';
import type { LngLat, PolygonGeometry } from '../contract';
import { roundPolygon } from './geo';

type PolygonFeature = ReturnType<typeof turfPolygon>;
type AnyPolygonFeature = ReturnType<typeof intersect>;

// Draws plausible, non-overlapping demo zones when no licensed boundaries exist: each site gets
// its Voronoi cell (shrunk a little so rounding never makes neighbours overlap), clipped to an
// outline and to a regular polygon around the site sized so the area approaches a known figure.

export interface TessellationSite {
  id: string;
  centre: LngLat;
  targetAreaM2: number;
}

export interface TessellationOptions {
  /** Gap kept on each side of a shared border, in metres. */
  gapM?: number;
  capSides?: number;
  minVertices?: number;
  maxVertices?: number;
  decimals?: number;
}

export function tessellate(
  sites: readonly TessellationSite[],
  outline: PolygonGeometry,
  options: TessellationOptions = {},
): Map<string, PolygonGeometry> {
  const { gapM = 15, capSides = 10, minVertices = 6, maxVertices = 12, decimals = 5 } = options;
  const outlineF = turfPolygon(outline.coordinates);
  const [w, s, e, n] = turfBbox(outlineF);
  const cells = voronoi(featureCollection(sites.map((x) => point(x.centre))), { bbox: [w - 0.1, s - 0.1, e + 0.1, n + 0.1] });
  const out = new Map<string, PolygonGeometry>();
  sites.forEach((site, i) => {
    const cell = cells.features[i];
    if (!cell) throw new Error(`no Voronoi cell for ${site.id} (duplicate centre?)`);
    const shrunk = largestPart(buffer(cell, -gapM / 1000, { units: 'kilometers' }) ?? null);
    const inOutline = shrunk && largestPart(intersect(featureCollection([shrunk, outlineF])));
    if (!inOutline) throw new Error(`site ${site.id} lies outside the outline`);
    const sized = sizeToTarget(inOutline, site, capSides);
    const simple = toVertexRange(sized, minVertices, maxVertices);
    out.set(site.id, roundPolygon({ type: 'Polygon', coordinates: simple.geometry.coordinates as LngLat[][] }, decimals));
  });
  return out;
}

function sizeToTarget(cell: PolygonFeature, site: TessellationSite, sides: number): PolygonFeature {
  if (area(cell) <= site.targetAreaM2) return cell;
  const clip = (radiusM: number): PolygonFeature | null =>
    largestPart(intersect(featureCollection([cell, regularPolygon(site.centre, radiusM, sides)])));
  let lo = 10;
  let hi = 20_000;
  for (let k = 0; k < 40; k += 1) {
    const mid = (lo + hi) / 2;
    const piece = clip(mid);
    if (piece && area(piece) < site.targetAreaM2) lo = mid;
    else hi = mid;
  }
  return clip(hi) ?? cell;
}

function regularPolygon(centre: LngLat, radiusM: number, sides: number): PolygonFeature {
  const ring: number[][] = [];
  // Rotated half a step so the cap does not present a vertex straight north (looks less artificial).
  for (let k = 0; k < sides; k += 1) {
    const bearing = -180 + (360 * (k + 0.5)) / sides;
    ring.push(destination(centre, radiusM / 1000, bearing, { units: 'kilometers' }).geometry.coordinates);
  }
  ring.push(ring[0] as number[]);
  return turfPolygon([ring]);
}

/** Douglas-Peucker keeps a subset of vertices, so the result stays inside the (convex) shrunk cell. */
function toVertexRange(f: PolygonFeature, min: number, max: number): PolygonFeature {
  let current = f;
  for (let tol = 1e-5; vertexCount(current) > max; tol *= 1.5) {
    current = simplify(f, { tolerance: tol, highQuality: true });
  }
  const ring = (current.geometry.coordinates[0] ?? []).slice(0, -1);
  while (ring.length < min) {
    // Midpoints of the longest edge lie on the boundary, so the shape does not change.
    let best = 0;
    let bestLen = -1;
    ring.forEach((p, k) => {
      const q = ring[(k + 1) % ring.length] as number[];
      const len = Math.hypot((q[0] ?? 0) - (p[0] ?? 0), (q[1] ?? 0) - (p[1] ?? 0));
      if (len > bestLen) { bestLen = len; best = k; }
    });
    const p = ring[best] as number[];
    const q = ring[(best + 1) % ring.length] as number[];
    ring.splice(best + 1, 0, [((p[0] ?? 0) + (q[0] ?? 0)) / 2, ((p[1] ?? 0) + (q[1] ?? 0)) / 2]);
  }
  return turfPolygon([[...ring, ring[0] as number[]]]);
}

function vertexCount(f: PolygonFeature): number {
  return (f.geometry.coordinates[0]?.length ?? 1) - 1;
}

function largestPart(f: AnyPolygonFeature): PolygonFeature | null {
  if (!f) return null;
  if (f.geometry.type === 'Polygon') return f as PolygonFeature;
  let best: PolygonFeature | null = null;
  for (const coords of f.geometry.coordinates) {
    const part = turfPolygon(coords);
    if (!best || area(part) > area(best)) best = part;
  }
  return best;
}
