import { loadFits, readPlan, tripLoad, vehicleTimeFeasible, writePlan, type PlanTrip } from './plan';
import type { Compiled } from './problem';
import type { Rng } from './rng';
import type { RouteState } from './state';
import { OPERATORS, type Moves, type Operator, type Pair } from './operators';

/**
 * Granular first-improvement local search over neighbour pairs (u, w), trying the moves in
 * operators/ (relocate, or-opt, swap, 2-opt*, 2-opt, in that order). Deltas are O(1); only
 * improving moves pay for the full feasibility check. The class lends the operators its
 * distance, feasibility and commit helpers (`Moves`) and keeps the "don't look bits".
 */
export class LocalSearch implements Moves {
  private plan: PlanTrip[][] = [];
  private where: (PlanTrip | null)[] = [];
  private readonly stack: Int32Array;
  private readonly queued: Uint8Array;
  private top = 0;
  /** Reused for every pair so the inner loop allocates nothing. */
  private readonly pair: Pair;

  constructor(
    readonly c: Compiled,
    private readonly neighbourLimit: number,
    /** Polled now and then so a long first descent cannot overrun the caller's deadline. */
    private readonly outOfTime: () => boolean = () => false,
    /** The moves tried, in order; tests pass one at a time. */
    private readonly operators: readonly Operator[] = OPERATORS,
  ) {
    const none: PlanTrip = { v: 0, nodes: [], load: new Float64Array(0) };
    this.pair = { A: none, B: none, u: 0, w: 0, iu: 0, iw: 0, lu: 0, lw: 0, pU: 0, nU: 0, pW: 0, nW: 0, removeU: 0, same: false };
    this.stack = new Int32Array(c.jobCount);
    this.queued = new Uint8Array(c.jobCount);
  }

  /**
   * Improves s in place and returns the distance gained. With `focus`, only those jobs are
   * examined at first; jobs of every trip a move changes are then queued again ("don't look bits").
   */
  run(s: RouteState, rng: Rng, focus?: ArrayLike<number>, focusCount = focus?.length ?? 0): number {
    const c = this.c;
    this.plan = readPlan(s);
    this.where = new Array<PlanTrip | null>(c.jobCount).fill(null);
    for (const trips of this.plan) for (const t of trips) for (const j of t.nodes) this.where[j] = t;
    this.queued.fill(0);
    this.top = 0;
    if (focus) {
      for (let i = 0; i < focusCount; i++) this.push(focus[i]!);
    } else {
      for (let j = 0; j < c.jobCount; j++) this.stack[j] = j;
      for (let i = c.jobCount - 1; i > 0; i--) {
        const k = rng.int(i + 1);
        const x = this.stack[i]!;
        this.stack[i] = this.stack[k]!;
        this.stack[k] = x;
      }
      this.top = c.jobCount;
      this.queued.fill(1);
    }
    const K = Math.min(this.neighbourLimit, c.neighbourCount);
    let gained = 0;
    let pops = 0;
    // The cap only guards against cycling on float noise; real runs end far earlier.
    for (let moves = 0; this.top > 0 && moves < 100 * c.jobCount + 100;) {
      if ((++pops & 255) === 0 && this.outOfTime()) break;
      const u = this.stack[--this.top]!;
      this.queued[u] = 0;
      if (!this.where[u]) continue;
      for (let i = 0; i < K; i++) {
        const w = c.neighbours[u * c.neighbourCount + i]!;
        if (!this.where[w]) continue;
        const g = this.tryPair(u, w);
        if (g > 0) {
          gained += g;
          moves++;
        }
      }
    }
    if (gained > 0) writePlan(s, this.plan);
    return gained;
  }

  private push(j: number): void {
    if (this.queued[j] === 1) return;
    this.queued[j] = 1;
    this.stack[this.top++] = j;
  }

  loc(t: PlanTrip, i: number): number {
    return i < 0 || i >= t.nodes.length ? this.c.vehDepot[t.v]! : this.c.jobLoc[t.nodes[i]!]!;
  }

  d(a: number, b: number): number {
    return this.c.dist[a * this.c.size + b]!;
  }

  /** Fills the pair's locations once, then asks each operator in turn; the first move made wins. */
  private tryPair(u: number, w: number): number {
    const p = this.pair;
    const A = (p.A = this.where[u]!);
    const B = (p.B = this.where[w]!);
    p.u = u;
    p.w = w;
    const iu = (p.iu = A.nodes.indexOf(u));
    const iw = (p.iw = B.nodes.indexOf(w));
    const lu = (p.lu = this.loc(A, iu));
    p.lw = this.loc(B, iw);
    const pU = (p.pU = this.loc(A, iu - 1));
    const nU = (p.nU = this.loc(A, iu + 1));
    p.pW = this.loc(B, iw - 1);
    p.nW = this.loc(B, iw + 1);
    p.removeU = this.d(pU, lu) + this.d(lu, nU) - this.d(pU, nU);
    p.same = A === B;
    for (let k = 0; k < this.operators.length; k++) {
      const gained = this.operators[k]!.tryImprove(this, p);
      if (gained > 0) return gained;
    }
    return 0;
  }

  fits(t: PlanTrip, add: PlanTrip, addFrom: number, addLen: number, sub: PlanTrip | null, subFrom: number, subLen: number): boolean {
    const { dims: D, jobAmt, vehCap } = this.c;
    for (let d = 0; d < D; d++) {
      let load = t.load[d]!;
      for (let i = addFrom; i < addFrom + addLen; i++) load += jobAmt[add.nodes[i]! * D + d]!;
      if (sub) for (let i = subFrom; i < subFrom + subLen; i++) load -= jobAmt[sub.nodes[i]! * D + d]!;
      if (load > vehCap[t.v * D + d]! + 1e-9) return false;
    }
    return true;
  }

  pathCost(t: PlanTrip, from: number, len: number, reversed: boolean): number {
    let sum = 0;
    for (let i = from; i < from + len - 1; i++) {
      const a = this.loc(t, i);
      const b = this.loc(t, i + 1);
      sum += reversed ? this.d(b, a) : this.d(a, b);
    }
    return sum;
  }

  moved(A: PlanTrip, from: number, len: number, B: PlanTrip, to: number, reverse: boolean): [number[], number[]] {
    const seg = A.nodes.slice(from, from + len);
    if (reverse) seg.reverse();
    if (A === B) {
      const a = [...A.nodes];
      a.splice(from, len);
      a.splice(to > from ? to - len : to, 0, ...seg);
      return [a, a];
    }
    const a = [...A.nodes];
    a.splice(from, len);
    const b = [...B.nodes];
    b.splice(to, 0, ...seg);
    return [a, b];
  }

  apply(A: PlanTrip, B: PlanTrip, [a, b]: [number[], number[]]): boolean {
    const c = this.c;
    const loadA = tripLoad(c, a);
    const loadB = A === B ? loadA : tripLoad(c, b);
    if (!loadFits(c, loadA, A.v) || !loadFits(c, loadB, B.v)) return false;
    if (c.timed) {
      const tripsOf = (v: number) => this.plan[v]!.map((t) => (t === A ? a : t === B ? b : t.nodes));
      if (!vehicleTimeFeasible(c, A.v, tripsOf(A.v))) return false;
      if (B.v !== A.v && !vehicleTimeFeasible(c, B.v, tripsOf(B.v))) return false;
    }
    A.nodes = a;
    A.load = loadA;
    if (A !== B) {
      B.nodes = b;
      B.load = loadB;
    }
    for (const t of [A, B]) {
      for (const j of t.nodes) {
        this.where[j] = t;
        this.push(j);
      }
      if (t.nodes.length === 0) this.plan[t.v] = this.plan[t.v]!.filter((x) => x !== t);
    }
    return true;
  }
}
