import type { LngLat } from '../contract';
import { adjacent, comparePoints, conflict, ringEdges, side, type Edge } from './ring-edges';
import { SweepStatus, type StatusNode } from './sweep-status';

// Is a polygon simple? Shamos–Hoey: sweep the edges' endpoints left to right keeping the edges the
// sweep line crosses in bottom-to-top order; the first place two edges meet is always preceded by
// those two (or two others meeting there) being neighbours in that order, so only neighbours are
// ever tested. O(n log n) where turf's kinks tests every pair (O(n²): 15,000 vertices blocked the
// server for 5 s). It stops at the first meeting, the only answer validation needs.

interface SweepEvent {
  x: number;
  y: number;
  edge: number;
  /** True at the edge's first endpoint in sweep order (inserted), false at its last (removed). */
  start: boolean;
}

/**
 * The first point (in sweep order) where the rings' edges meet in a way a valid polygon does not
 * allow: edges crossing, a corner on another edge, a ring touching itself or another ring, edges
 * running back over each other. null when every ring is simple and no two rings touch.
 */
export function firstRingConflict(rings: readonly (readonly LngLat[])[]): LngLat | null {
  const edges = ringEdges(rings);
  const events: SweepEvent[] = [];
  edges.forEach((e, i) => {
    events.push({ x: e.ax, y: e.ay, edge: i, start: true }, { x: e.bx, y: e.by, edge: i, start: false });
  });
  // At one point, ends before starts: an edge that ends where another starts has left the status.
  events.sort((p, q) => comparePoints(p.x, p.y, q.x, q.y) || Number(p.start) - Number(q.start));

  const status = new SweepStatus<Edge>();
  const nodes: (StatusNode<Edge> | undefined)[] = new Array(edges.length);
  for (let i = 0; i < events.length;) {
    const { x, y } = events[i]!;
    let j = i + 1;
    while (j < events.length && events[j]!.x === x && events[j]!.y === y) j += 1;
    // Edges ending and starting at one point never meet in the status, so count them here: a
    // corner joins exactly two consecutive edges of one ring.
    if (j - i > 2) return [x, y];
    if (j - i === 2 && !adjacent(edges[events[i]!.edge]!, edges[events[i + 1]!.edge]!)) return [x, y];
    for (let k = i; k < j; k += 1) {
      const event = events[k]!;
      const edge = edges[event.edge]!;
      const found = event.start ? insert(status, nodes, event.edge, edge) : remove(status, nodes[event.edge]!);
      if (found) return found;
    }
    i = j;
  }
  return null;
}

function remove(status: SweepStatus<Edge>, node: StatusNode<Edge>): LngLat | null {
  const lo = status.below(node);
  const hi = status.above(node);
  status.remove(node);
  return lo && hi ? conflict(lo.item, hi.item) : null;
}

function insert(status: SweepStatus<Edge>, nodes: (StatusNode<Edge> | undefined)[], i: number, e: Edge): LngLat | null {
  let onEdge = false;
  const node = status.insert(e, (s) => {
    const o = side(s.ax, s.ay, s.bx, s.by, e.ax, e.ay);
    if (o !== 0) return o < 0;
    // Both start here: order by where they head. Otherwise e starts on s, inside it (s's ends are
    // not here: one ended and left, the other is before the sweep), or both run along one line.
    if (s.ax === e.ax && s.ay === e.ay) {
      const heading = side(s.ax, s.ay, s.bx, s.by, e.bx, e.by);
      if (heading !== 0) return heading < 0;
    }
    onEdge = true;
    return true;
  });
  nodes[i] = node;
  if (onEdge) return [e.ax, e.ay];
  for (const neighbour of [status.below(node), status.above(node)]) {
    const found = neighbour ? conflict(neighbour.item, e) : null;
    if (found) return found;
  }
  return null;
}
