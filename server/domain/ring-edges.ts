import { orient2d } from 'robust-predicates';
import type { LngLat } from '../contract';

// The edges of a polygon's rings and the one exact test that decides whether two of them meet where
// they must not. Shared by the sweep (simple-rings.ts) and the quadratic reference its tests
// compare against, so both answer the same question.

/** One ring edge, endpoints in sweep order: `a` before `b` by x, then by y. */
export interface Edge {
  ax: number; ay: number; bx: number; by: number;
  ring: number;
  /** Position in the ring (after repeated positions are dropped) and the ring's edge count. */
  index: number;
  ringSize: number;
}

/** Lexicographic order of points: by x, then by y. The sweep visits points in this order. */
export function comparePoints(ax: number, ay: number, bx: number, by: number): number {
  return ax !== bx ? ax - bx : ay - by;
}

/**
 * Which side of the directed line a→b the point c is on: positive left (above a rightward edge),
 * negative right, zero on the line. Exact: no rounding can flip it.
 */
export function side(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return -orient2d(ax, ay, bx, by, cx, cy);
}

/**
 * The rings' edges. A position repeated right after itself adds no edge (a zero-length edge would
 * make its neighbours look non-adjacent), and the closing position is implied.
 */
export function ringEdges(rings: readonly (readonly LngLat[])[]): Edge[] {
  const edges: Edge[] = [];
  rings.forEach((ring, r) => {
    const points: LngLat[] = [];
    for (const p of ring) {
      const last = points[points.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) points.push(p);
    }
    const first = points[0];
    const last = points[points.length - 1];
    if (points.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) points.pop();
    if (points.length < 2) return;
    points.forEach((p, i) => {
      const q = points[(i + 1) % points.length]!;
      const forward = comparePoints(p[0], p[1], q[0], q[1]) < 0;
      const [a, b] = forward ? [p, q] : [q, p];
      edges.push({ ax: a[0], ay: a[1], bx: b[0], by: b[1], ring: r, index: i, ringSize: points.length });
    });
  });
  return edges;
}

/** Consecutive edges of one ring: they share a corner, and only that corner may they share. */
export function adjacent(e: Edge, f: Edge): boolean {
  if (e.ring !== f.ring) return false;
  return (e.index + 1) % e.ringSize === f.index || (f.index + 1) % f.ringSize === e.index;
}

/**
 * Where e and f meet in a way a simple polygon does not allow, or null. Any contact of
 * non-adjacent edges counts (a crossing, a corner on another edge, two rings touching); adjacent
 * edges may only share their corner, so they conflict when they run back over each other.
 */
export function conflict(e: Edge, f: Edge): LngLat | null {
  const o1 = side(e.ax, e.ay, e.bx, e.by, f.ax, f.ay);
  const o2 = side(e.ax, e.ay, e.bx, e.by, f.bx, f.by);
  const o3 = side(f.ax, f.ay, f.bx, f.by, e.ax, e.ay);
  const o4 = side(f.ax, f.ay, f.bx, f.by, e.bx, e.by);
  if (o1 === 0 && o2 === 0 && o3 === 0 && o4 === 0) return collinearConflict(e, f);
  if ((o1 > 0 && o2 > 0) || (o1 < 0 && o2 < 0) || (o3 > 0 && o4 > 0) || (o3 < 0 && o4 < 0)) return null;
  // Not on one line and touching: they meet in exactly one point, which for adjacent edges is their corner.
  if (adjacent(e, f)) return null;
  if (o1 === 0) return [f.ax, f.ay];
  if (o2 === 0) return [f.bx, f.by];
  if (o3 === 0) return [e.ax, e.ay];
  if (o4 === 0) return [e.bx, e.by];
  const t = o3 / (o3 - o4);
  return [e.ax + t * (e.bx - e.ax), e.ay + t * (e.by - e.ay)];
}

/** On one line: lexicographic order is the order along it, so the edges are intervals. */
function collinearConflict(e: Edge, f: Edge): LngLat | null {
  const [sx, sy] = comparePoints(e.ax, e.ay, f.ax, f.ay) >= 0 ? [e.ax, e.ay] : [f.ax, f.ay];
  const [tx, ty] = comparePoints(e.bx, e.by, f.bx, f.by) <= 0 ? [e.bx, e.by] : [f.bx, f.by];
  const c = comparePoints(sx, sy, tx, ty);
  if (c > 0) return null;
  // Touching end to end is a corner when the edges are consecutive; overlapping never is.
  if (c === 0 && adjacent(e, f)) return null;
  return [sx, sy];
}
