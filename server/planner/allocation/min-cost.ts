/**
 * Min-cost transportation with few depots and many zones: deliver exactly demandKg[z] to every
 * zone over its arcs, no depot above capKg, minimising Σ cost × kg.
 *
 * Successive shortest paths (exact: each augmentation follows a shortest path of the residual
 * network, so no negative cycle ever appears, which is the LP optimality condition of min-cost
 * flow). Zones are added one at a time. A residual path only passes through an earlier zone as
 * "depot i takes over zone z from depot j", so the search runs on the depots alone: the arc i→j
 * costs min_z cost(i,z) − cost(j,z) over zones z that j serves and i may serve, kept in one heap
 * per depot pair. With potentials (zone potentials cancel on these arcs) Dijkstra applies, O(m²)
 * per path for m depots.
 */
export interface TransportProblem {
  capKg: Float64Array;
  demandKg: Float64Array;
  /** Arcs of zone z are arcStart[z] .. arcStart[z + 1]. */
  arcStart: Int32Array;
  arcDepot: Int32Array;
  arcCost: Float64Array;
}

export function minCostTransport(p: TransportProblem, epsKg: number): Float64Array {
  const m = p.capKg.length;
  const flow = new Float64Array(p.arcDepot.length);
  const used = new Float64Array(m);
  const potential = new Float64Array(m);
  let sourcePotential = 0;
  const heaps: (PairHeap | undefined)[] = new Array(m * m);
  const zoneOfArc = new Int32Array(p.arcDepot.length);
  for (let z = 0; z + 1 < p.arcStart.length; z++) for (let a = p.arcStart[z]!; a < p.arcStart[z + 1]!; a++) zoneOfArc[a] = z;

  const dist = new Float64Array(m);
  const done = new Uint8Array(m);
  const prevDepot = new Int32Array(m);
  const prevTake = new Int32Array(m);
  const prevGive = new Int32Array(m);

  const onFlowStarted = (a: number) => {
    const z = zoneOfArc[a]!;
    const j = p.arcDepot[a]!;
    for (let b = p.arcStart[z]!; b < p.arcStart[z + 1]!; b++) {
      const i = p.arcDepot[b]!;
      if (i === j) continue;
      (heaps[i * m + j] ??= new PairHeap()).push(p.arcCost[b]! - p.arcCost[a]!, b, a);
    }
  };
  const addFlow = (a: number, kg: number) => {
    const before = flow[a]!;
    flow[a] = before + kg;
    if (before <= epsKg && flow[a]! > epsKg) onFlowStarted(a);
  };

  // Smallest demands first: the float rounding of a tight set's sums (~1e-16 of its total) then
  // lands on the largest zones, where it is nothing, instead of eating a gram-size zone's share.
  const order = Array.from({ length: p.arcStart.length - 1 }, (_, z) => z).sort((a, b) => p.demandKg[a]! - p.demandKg[b]! || a - b);
  for (const z of order) {
    let remaining = p.demandKg[z]!;
    let zonePotential = Number.POSITIVE_INFINITY;
    for (let a = p.arcStart[z]!; a < p.arcStart[z + 1]!; a++) {
      zonePotential = Math.min(zonePotential, p.arcCost[a]! + potential[p.arcDepot[a]!]!);
    }
    while (remaining > epsKg) {
      // Shortcut: every reduced distance is ≥ 0 and depots with spare stock sit at 0, so when
      // the zone's cheapest arc (reduced cost 0) leaves such a depot, it is a shortest path and,
      // its length being 0, no potential changes.
      let direct = -1;
      for (let a = p.arcStart[z]!; a < p.arcStart[z + 1]!; a++) {
        const i = p.arcDepot[a]!;
        if (p.arcCost[a]! + potential[i]! - zonePotential <= 0 && p.capKg[i]! - used[i]! > epsKg && potential[i]! <= 0) {
          direct = a;
          break;
        }
      }
      if (direct >= 0) {
        const i = p.arcDepot[direct]!;
        const amount = Math.min(remaining, p.capKg[i]! - used[i]!);
        used[i]! += amount;
        addFlow(direct, amount);
        remaining -= amount;
        continue;
      }
      dist.fill(Number.POSITIVE_INFINITY);
      done.fill(0);
      for (let i = 0; i < m; i++) {
        if (p.capKg[i]! - used[i]! > epsKg) {
          dist[i] = Math.max(0, sourcePotential - potential[i]!);
          prevDepot[i] = -1;
        }
      }
      for (;;) {
        let i = -1;
        for (let k = 0; k < m; k++) if (!done[k] && dist[k]! < Number.POSITIVE_INFINITY && (i < 0 || dist[k]! < dist[i]!)) i = k;
        if (i < 0) break;
        done[i] = 1;
        for (let j = 0; j < m; j++) {
          const heap = heaps[i * m + j];
          if (done[j] || !heap) continue;
          while (heap.size > 0 && flow[heap.topGive()]! <= epsKg) heap.pop();
          if (heap.size === 0) continue;
          const d = dist[i]! + Math.max(0, heap.topCost() + potential[i]! - potential[j]!);
          if (d < dist[j]!) {
            dist[j] = d;
            prevDepot[j] = i;
            prevTake[j] = heap.topTake();
            prevGive[j] = heap.topGive();
          }
        }
      }
      let bestArc = -1;
      let bestDist = Number.POSITIVE_INFINITY;
      for (let a = p.arcStart[z]!; a < p.arcStart[z + 1]!; a++) {
        const i = p.arcDepot[a]!;
        const d = dist[i]! + Math.max(0, p.arcCost[a]! + potential[i]! - zonePotential);
        if (d < bestDist) {
          bestDist = d;
          bestArc = a;
        }
      }
      if (bestArc < 0) break; // rounding left a sliver of demand that no stock can reach
      let amount = remaining;
      let j = p.arcDepot[bestArc]!;
      while (prevDepot[j]! >= 0) {
        amount = Math.min(amount, flow[prevGive[j]!]!);
        j = prevDepot[j]!;
      }
      amount = Math.min(amount, p.capKg[j]! - used[j]!);
      used[j]! += amount;
      j = p.arcDepot[bestArc]!;
      while (prevDepot[j]! >= 0) {
        flow[prevGive[j]!]! -= amount;
        addFlow(prevTake[j]!, amount);
        j = prevDepot[j]!;
      }
      addFlow(bestArc, amount);
      remaining -= amount;
      for (let i = 0; i < m; i++) potential[i]! += Math.min(dist[i]!, bestDist);
      zonePotential += bestDist;
    }
  }
  return flow;
}

/** Binary min-heap of exchange arcs for one depot pair: (cost, arc taken over, arc given up). */
class PairHeap {
  private cost: number[] = [];
  private take: number[] = [];
  private give: number[] = [];

  get size(): number {
    return this.cost.length;
  }
  topCost(): number {
    return this.cost[0]!;
  }
  topTake(): number {
    return this.take[0]!;
  }
  topGive(): number {
    return this.give[0]!;
  }

  push(cost: number, take: number, give: number): void {
    let i = this.cost.length;
    this.cost.push(cost);
    this.take.push(take);
    this.give.push(give);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.cost[parent]! <= cost) break;
      this.move(parent, i);
      i = parent;
    }
    this.set(i, cost, take, give);
  }

  pop(): void {
    const cost = this.cost.pop()!;
    const take = this.take.pop()!;
    const give = this.give.pop()!;
    const n = this.cost.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.cost[child + 1]! < this.cost[child]!) child++;
      if (this.cost[child]! >= cost) break;
      this.move(child, i);
      i = child;
    }
    this.set(i, cost, take, give);
  }

  private move(from: number, to: number): void {
    this.cost[to] = this.cost[from]!;
    this.take[to] = this.take[from]!;
    this.give[to] = this.give[from]!;
  }
  private set(i: number, cost: number, take: number, give: number): void {
    this.cost[i] = cost;
    this.take[i] = take;
    this.give[i] = give;
  }
}
