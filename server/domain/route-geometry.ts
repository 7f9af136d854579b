import type { LngLat } from '../contract';

// Straight-line geometry on a local equirectangular projection: vans move a few kilometres inside
// one city, where this is within a fraction of a percent of the great circle and much cheaper.

const EARTH_M = 6_371_008.8;
const RAD = Math.PI / 180;

function project(p: LngLat, lat0: number): [number, number] {
  return [p[0] * RAD * EARTH_M * Math.cos(lat0 * RAD), p[1] * RAD * EARTH_M];
}

/** Metres from a point to the segment a–b. */
export function distanceToSegmentM(p: LngLat, a: LngLat, b: LngLat): number {
  const lat0 = p[1];
  const [px, py] = project(p, lat0);
  const [ax, ay] = project(a, lat0);
  const [bx, by] = project(b, lat0);
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Metres from a point to the nearest leg of a path; Infinity for a path with no points. */
export function distanceToPathM(p: LngLat, path: readonly LngLat[]): number {
  if (path.length === 1) return distanceToSegmentM(p, path[0]!, path[0]!);
  let best = Infinity;
  for (let i = 1; i < path.length; i++) best = Math.min(best, distanceToSegmentM(p, path[i - 1]!, path[i]!));
  return best;
}

/** Moves `metres` from a towards b (clamped at b): the simulator's step. */
export function stepTowards(a: LngLat, b: LngLat, metres: number): LngLat {
  const d = distanceToSegmentM(a, b, b);
  if (d <= metres || d === 0) return b;
  const f = metres / d;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
}

export function straightM(a: LngLat, b: LngLat): number {
  return distanceToSegmentM(a, b, b);
}
