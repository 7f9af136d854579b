import { levelWhereRequirementIs } from './levels';
import { FlowNetwork } from './max-flow';
import { TOLERANCE_KG } from './tolerance';

/** One depot's share of a zone-commodity that this depot's trips can bring. */
export interface Piece {
  commodity: number;
  demandKg: number;
  weight: number;
  coldChain: boolean;
  /** Indices into the depot's trips that visit the zone. */
  trips: number[];
}

export interface DepotLoadProblem {
  pieces: Piece[];
  trips: { capacityKg: number; coldChainKg: number }[];
  /** Stock per commodity index. */
  stockKg: number[];
}

export interface DepotLoads {
  deliveredKg: Float64Array;
  /** kg of piece p on trip pieces[p].trips[i], as tripKg[p][i]. */
  tripKg: number[][];
}

/**
 * Leximin of the levels for one depot's trips (same fairness as the allocation).
 *
 * A vector of deliveries y is feasible iff (a) per commodity Σ y ≤ stock and (b) y can be routed
 * source → piece → (trip's cold box →) trip → sink within the vans' kg and cold-chain kg. Both
 * sets are polymatroids, so at a level t the pieces that cannot be raised are exactly those in a
 * tight set of either: a commodity whose stock is used up, or pieces that cannot reach the sink in
 * the residual network. The max t is min(stock roots, Newton on min cuts of (b)), each exact.
 * This is the LP optimum without the LP: the van capacity is shared by commodities, but stock
 * only constrains sums per commodity, so it never enters the network.
 */
export function depotLeximin(problem: DepotLoadProblem): DepotLoads {
  const { pieces, trips } = problem;
  const n = pieces.length;
  const alpha = Float64Array.from(pieces, (p) => p.demandKg / p.weight);
  const beta = Float64Array.from(pieces, (p, i) => p.demandKg - alpha[i]!);
  const required = (i: number, t: number) => Math.max(0, alpha[i]! * t + beta[i]!);
  const epsKg = TOLERANCE_KG;

  const net = new FlowNetwork(epsKg);
  const source = net.addNode();
  const sink = net.addNode();
  const kgNode = trips.map((t) => {
    const node = net.addNode();
    net.addArc(node, sink, t.capacityKg);
    return node;
  });
  const coldNode: (number | undefined)[] = trips.map(() => undefined);
  const coldOf = (r: number) => {
    if (coldNode[r] === undefined) {
      coldNode[r] = net.addNode();
      net.addArc(coldNode[r]!, kgNode[r]!, trips[r]!.coldChainKg);
    }
    return coldNode[r]!;
  };
  const node = pieces.map(() => net.addNode());
  const sourceArc = pieces.map((_, i) => net.addArc(source, node[i]!, 0));
  const tripArcs = pieces.map((p, i) => p.trips.map((r) => net.addArc(node[i]!, p.coldChain ? coldOf(r) : kgNode[r]!, Number.POSITIVE_INFINITY)));

  const frozen = new Float64Array(n).fill(Number.NaN);
  let active = pieces.map((_, i) => i);
  const setLevel = (t: number) => {
    for (let i = 0; i < n; i++) net.setCapacity(sourceArc[i]!, Number.isNaN(frozen[i]!) ? required(i, t) : frozen[i]!, sink);
  };
  while (active.length > 0) {
    // (a) stock: per commodity, the level at which the active pieces' needs use up what is left.
    const stockLevel = new Map<number, number>();
    for (const c of new Set(active.map((i) => pieces[i]!.commodity))) {
      let leftKg = problem.stockKg[c]!;
      for (let i = 0; i < n; i++) if (pieces[i]!.commodity === c && !Number.isNaN(frozen[i]!)) leftKg -= frozen[i]!;
      const mine = active.filter((i) => pieces[i]!.commodity === c);
      let fullKg = 0;
      for (const i of mine) fullKg += pieces[i]!.demandKg;
      stockLevel.set(c, fullKg <= leftKg ? Number.POSITIVE_INFINITY : levelWhereRequirementIs(mine, Math.max(0, leftKg), alpha, beta));
    }
    let t = Math.min(1, ...stockLevel.values());
    // (b) vans: Newton on min cuts from t downwards.
    let lastCut: number[] = [];
    for (let iteration = 0; iteration < 10_000; iteration++) {
      setLevel(t);
      net.maxFlow(source, sink);
      let deficit = 0;
      for (let i = 0; i < n; i++) deficit += net.capacityOf(sourceArc[i]!) - net.flowOf(sourceArc[i]!);
      if (deficit <= epsKg) break;
      const reach = net.reachableFrom(source);
      let constKg = 0;
      const cut: number[] = [];
      for (let i = 0; i < n; i++) {
        if (!reach[node[i]!]) continue;
        // Pieces on the source side: what the cut lets through, less what frozen ones take.
        constKg -= Number.isNaN(frozen[i]!) ? 0 : frozen[i]!;
        if (Number.isNaN(frozen[i]!)) cut.push(i);
      }
      // Only frozen pieces short: their amounts, exact when frozen, now overshoot by rounding (a
      // gram-size piece next to tonnes). No active piece binds, so t stands.
      if (cut.length === 0) break;
      let flowKg = 0;
      for (let i = 0; i < n; i++) {
        flowKg += net.flowOf(sourceArc[i]!);
        if (!reach[node[i]!]) constKg -= net.capacityOf(sourceArc[i]!);
      }
      constKg += flowKg;
      const next = levelWhereRequirementIs(cut, Math.max(0, constKg), alpha, beta);
      lastCut = cut;
      if (!(next < t - 1e-13 * (1 + Math.abs(t)))) break;
      t = next;
    }
    let freeze: number[];
    if (t >= 1) freeze = active;
    else {
      const reachSink = net.reachingTo(sink);
      const stockTight = new Set([...stockLevel].filter(([, level]) => level <= t + 1e-12 * (1 + Math.abs(t))).map(([c]) => c));
      freeze = active.filter((i) => !reachSink[node[i]!] || stockTight.has(pieces[i]!.commodity));
      if (freeze.length === 0) freeze = lastCut;
      if (freeze.length === 0) throw new Error('loadRoutes: no progress in leximin levels');
    }
    for (const i of freeze) frozen[i] = t >= 1 ? pieces[i]!.demandKg : required(i, t);
    const done = new Set(freeze);
    active = active.filter((i) => !done.has(i));
  }
  setLevel(1);
  net.maxFlow(source, sink);
  return {
    deliveredKg: Float64Array.from(sourceArc, (a) => net.flowOf(a)),
    tripKg: tripArcs.map((arcs) => arcs.map((a) => Math.max(0, net.flowOf(a)))),
  };
}
