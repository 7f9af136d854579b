import type { LngLat } from '../contract';

/** Closes a ring: GeoJSON repeats the first position at the end. */
export const closed = (points: LngLat[]): LngLat[] => [...points, points[0]!];

/**
 * A star-shaped ring of `corners` corners (plus the closing position): angles strictly increasing,
 * radii alternating, so it never meets itself however many corners it has. Defaults sit in Liwan.
 */
export function starRing(corners: number, centre: LngLat = [113.225, 23.1], r1 = 0.02, r2 = 0.012): LngLat[] {
  const points: LngLat[] = [];
  for (let i = 0; i < corners; i += 1) {
    const t = (2 * Math.PI * i) / corners;
    const r = i % 2 === 0 ? r1 : r2;
    points.push([centre[0] + r * Math.cos(t), centre[1] + r * Math.sin(t)]);
  }
  return closed(points);
}
