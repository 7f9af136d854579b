import { loadFits, readPlan, tripLoad, vehicleTimeFeasible, writePlan, type PlanTrip } from './plan';
import type { Compiled } from './problem';
import type { Rng } from './rng';
import type { RouteState } from './state';

const EPS = 1e-7;

/**
 * Granular first-improvement local search over neighbour pairs (u, w): relocate, swap, 2-opt,
 * 2-opt* and or-opt. Deltas are O(1); only improving moves pay for the full feasibility check.
 */
export class LocalSearch {
  private plan: PlanTrip[][] = [];
  private where: (PlanTrip | null)[] = [];
  private readonly stack: Int32Array;
  private readonly queued: Uint8Array;
  private top = 0;

  constructor(
    private readonly c: Compiled,
    private readonly neighbourLimit: number,
    /** Polled now and then so a long first descent cannot overrun the caller's deadline. */
    private readonly outOfTime: () => boolean = () => false,
  ) {
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

  private loc(t: PlanTrip, i: number): number {
    return i < 0 || i >= t.nodes.length ? this.c.vehDepot[t.v]! : this.c.jobLoc[t.nodes[i]!]!;
  }

  private d(a: number, b: number): number {
    return this.c.dist[a * this.c.size + b]!;
  }

  private tryPair(u: number, w: number): number {
    const A = this.where[u]!;
    const B = this.where[w]!;
    const iu = A.nodes.indexOf(u);
    const iw = B.nodes.indexOf(w);
    const lu = this.loc(A, iu);
    const lw = this.loc(B, iw);
    const pU = this.loc(A, iu - 1);
    const nU = this.loc(A, iu + 1);
    const pW = this.loc(B, iw - 1);
    const nW = this.loc(B, iw + 1);
    const removeU = this.d(pU, lu) + this.d(lu, nU) - this.d(pU, nU);
    const same = A === B;

    // Relocate u after w, then before w.
    if (!(same && iw === iu - 1)) {
      const delta = this.d(lw, lu) + this.d(lu, nW) - this.d(lw, nW) - removeU;
      if (delta < -EPS && (same || this.fits(B, A, iu, 1, null, 0, 0)) && this.apply(A, B, this.moved(A, iu, 1, B, iw + 1, false))) return -delta;
    }
    if (!(same && iw === iu + 1)) {
      const delta = this.d(pW, lu) + this.d(lu, lw) - this.d(pW, lw) - removeU;
      if (delta < -EPS && (same || this.fits(B, A, iu, 1, null, 0, 0)) && this.apply(A, B, this.moved(A, iu, 1, B, iw, false))) return -delta;
    }
    // Or-opt: the string starting at u, 2 or 3 long, after w, kept or reversed.
    for (let len = 2; len <= 3; len++) {
      if (iu + len > A.nodes.length || (same && iw >= iu - 1 && iw < iu + len)) continue;
      const le = this.loc(A, iu + len - 1);
      const after = this.loc(A, iu + len);
      const out = this.d(pU, lu) + this.d(le, after) - this.d(pU, after);
      const inner = this.c.symmetric ? 0 : this.pathCost(A, iu, len, true) - this.pathCost(A, iu, len, false);
      const keep = this.d(lw, lu) + this.d(le, nW) - this.d(lw, nW) - out;
      const rev = this.d(lw, le) + this.d(lu, nW) - this.d(lw, nW) - out + inner;
      if ((keep >= -EPS && rev >= -EPS) || (!same && !this.fits(B, A, iu, len, null, 0, 0))) continue;
      if (keep < -EPS && keep <= rev && this.apply(A, B, this.moved(A, iu, len, B, iw + 1, false))) return -keep;
      if (rev < -EPS && this.apply(A, B, this.moved(A, iu, len, B, iw + 1, true))) return -rev;
    }
    if (!same) {
      const swap = this.d(pU, lw) + this.d(lw, nU) - this.d(pU, lu) - this.d(lu, nU)
        + this.d(pW, lu) + this.d(lu, nW) - this.d(pW, lw) - this.d(lw, nW);
      if (swap < -EPS && this.fits(A, B, iw, 1, A, iu, 1) && this.fits(B, A, iu, 1, B, iw, 1)) {
        const a = [...A.nodes];
        const b = [...B.nodes];
        a[iu] = w;
        b[iw] = u;
        if (this.apply(A, B, [a, b])) return -swap;
      }
      // Tails swap; with different depots each moved tail also returns to its new depot.
      const dA = this.c.vehDepot[A.v]!;
      const dB = this.c.vehDepot[B.v]!;
      const tailA = A.nodes.length - iu - 1;
      const tailB = B.nodes.length - iw - 1;
      let star = this.d(lu, tailB > 0 ? nW : dA) + this.d(lw, tailA > 0 ? nU : dB) - this.d(lu, nU) - this.d(lw, nW);
      if (dA !== dB) {
        const lastA = this.loc(A, A.nodes.length - 1);
        const lastB = this.loc(B, B.nodes.length - 1);
        if (tailB > 0) star += this.d(lastB, dA) - this.d(lastB, dB);
        if (tailA > 0) star += this.d(lastA, dB) - this.d(lastA, dA);
      }
      if (star < -EPS && this.fits(A, B, iw + 1, tailB, A, iu + 1, tailA) && this.fits(B, A, iu + 1, tailA, B, iw + 1, tailB)) {
        const a = [...A.nodes.slice(0, iu + 1), ...B.nodes.slice(iw + 1)];
        const b = [...B.nodes.slice(0, iw + 1), ...A.nodes.slice(iu + 1)];
        if (this.apply(A, B, [a, b])) return -star;
      }
    } else if (iu < iw) {
      const lo = iu + 1;
      let delta = this.d(lu, lw) + this.d(this.loc(A, lo), nW) - this.d(lu, this.loc(A, lo)) - this.d(lw, nW);
      if (!this.c.symmetric) delta += this.pathCost(A, lo, iw - lo + 1, true) - this.pathCost(A, lo, iw - lo + 1, false);
      if (delta < -EPS) {
        const a = [...A.nodes.slice(0, lo), ...A.nodes.slice(lo, iw + 1).reverse(), ...A.nodes.slice(iw + 1)];
        if (this.apply(A, A, [a, a])) return -delta;
      }
    }
    return 0;
  }

  /** Would trip t still fit its van after gaining add[from..+len) and losing sub[from..+len)? */
  private fits(t: PlanTrip, add: PlanTrip, addFrom: number, addLen: number, sub: PlanTrip | null, subFrom: number, subLen: number): boolean {
    const { dims: D, jobAmt, vehCap } = this.c;
    for (let d = 0; d < D; d++) {
      let load = t.load[d]!;
      for (let i = addFrom; i < addFrom + addLen; i++) load += jobAmt[add.nodes[i]! * D + d]!;
      if (sub) for (let i = subFrom; i < subFrom + subLen; i++) load -= jobAmt[sub.nodes[i]! * D + d]!;
      if (load > vehCap[t.v * D + d]! + 1e-9) return false;
    }
    return true;
  }

  private pathCost(t: PlanTrip, from: number, len: number, reversed: boolean): number {
    let sum = 0;
    for (let i = from; i < from + len - 1; i++) {
      const a = this.loc(t, i);
      const b = this.loc(t, i + 1);
      sum += reversed ? this.d(b, a) : this.d(a, b);
    }
    return sum;
  }

  /** New node lists after moving A[from..from+len) to position `to` of B (indices before the move). */
  private moved(A: PlanTrip, from: number, len: number, B: PlanTrip, to: number, reverse: boolean): [number[], number[]] {
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

  private apply(A: PlanTrip, B: PlanTrip, [a, b]: [number[], number[]]): boolean {
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
