/**
 * Max flow source → depot (stock) → group (uncapacitated) → sink (requirement), solved by Dinic.
 *
 * A group is the set of zones that draw from exactly the same depots. For feasibility such zones
 * are interchangeable, so the network has a few hundred group nodes even for 10,000 zones: with
 * k = 3 nearest depots out of 50 the order-3 Voronoi cells are few. Flows are kept between calls
 * (warm start): raising a requirement keeps the flow feasible, lowering one sheds the excess.
 */
export class GroupNetwork {
  readonly usedKg: Float64Array;
  readonly requirementKg: Float64Array;
  readonly inflowKg: Float64Array;
  readonly flowKg: Float64Array;
  readonly depotAlive: Uint8Array;
  readonly groupAlive: Uint8Array;
  private readonly depotArcStart: Int32Array;
  private readonly depotArcs: Int32Array;
  private readonly arcGroup: Int32Array;
  private readonly level: Int32Array;
  private readonly next: Int32Array;
  private sinkLevel = 0;

  constructor(
    readonly stockKg: Float64Array,
    /** Arcs of group g are groupArcStart[g] .. groupArcStart[g + 1]. */
    readonly groupArcStart: Int32Array,
    readonly arcDepot: Int32Array,
    private readonly epsKg: number,
  ) {
    const m = stockKg.length;
    const groups = groupArcStart.length - 1;
    const arcs = arcDepot.length;
    this.usedKg = new Float64Array(m);
    this.requirementKg = new Float64Array(groups);
    this.inflowKg = new Float64Array(groups);
    this.flowKg = new Float64Array(arcs);
    this.depotAlive = new Uint8Array(m).fill(1);
    this.groupAlive = new Uint8Array(groups).fill(1);
    this.arcGroup = new Int32Array(arcs);
    for (let g = 0; g < groups; g++) for (let a = groupArcStart[g]!; a < groupArcStart[g + 1]!; a++) this.arcGroup[a] = g;
    this.depotArcStart = new Int32Array(m + 1);
    for (const d of arcDepot) this.depotArcStart[d + 1]!++;
    for (let d = 0; d < m; d++) this.depotArcStart[d + 1]! += this.depotArcStart[d]!;
    const fill = this.depotArcStart.slice(0, m);
    this.depotArcs = new Int32Array(arcs);
    for (let a = 0; a < arcs; a++) this.depotArcs[fill[arcDepot[a]!]!++] = a;
    this.level = new Int32Array(m + groups);
    this.next = new Int32Array(m + groups);
  }

  get depotCount(): number {
    return this.stockKg.length;
  }

  /** Sets a group's requirement, returning any flow above it to its depots. */
  setRequirement(g: number, kg: number): void {
    this.requirementKg[g] = kg;
    let excess = this.inflowKg[g]! - kg;
    if (excess <= 0) return;
    this.inflowKg[g] = kg;
    for (let a = this.groupArcStart[g]!; a < this.groupArcStart[g + 1]! && excess > 0; a++) {
      const take = Math.min(this.flowKg[a]!, excess);
      this.flowKg[a]! -= take;
      this.usedKg[this.arcDepot[a]!]! -= take;
      excess -= take;
    }
  }

  /** Unmet requirement of the live groups after `maxFlow`. */
  deficitKg(): number {
    let sum = 0;
    for (let g = 0; g < this.groupAlive.length; g++) {
      if (this.groupAlive[g]) sum += Math.max(0, this.requirementKg[g]! - this.inflowKg[g]!);
    }
    return sum;
  }

  maxFlow(): void {
    const m = this.depotCount;
    while (this.buildLevels(true)) {
      for (let i = 0; i < this.next.length; i++) this.next[i] = i < m ? this.depotArcStart[i]! : this.groupArcStart[i - m]!;
      let pushedPhase = 0;
      for (let d = 0; d < m; d++) {
        if (this.level[d] !== 1) continue;
        const p = this.pushFromDepot(d, this.stockKg[d]! - this.usedKg[d]!);
        this.usedKg[d]! += p;
        pushedPhase += p;
      }
      if (pushedPhase <= this.epsKg) break;
    }
  }

  /**
   * Nodes reachable from the source in the residual network. The complement is the sink side of
   * the minimum cut with the largest sink side: its depots are exhausted and serve only its groups.
   */
  reachable(): { depots: Uint8Array; groups: Uint8Array } {
    this.buildLevels(false);
    const m = this.depotCount;
    return {
      depots: Uint8Array.from({ length: m }, (_, d) => (this.level[d]! > 0 ? 1 : 0)),
      groups: Uint8Array.from({ length: this.groupAlive.length }, (_, g) => (this.level[m + g]! > 0 ? 1 : 0)),
    };
  }

  private buildLevels(stopAtSink: boolean): boolean {
    const m = this.depotCount;
    const eps = this.epsKg;
    this.level.fill(-1);
    const queue: number[] = [];
    for (let d = 0; d < m; d++) {
      if (this.depotAlive[d] && this.stockKg[d]! - this.usedKg[d]! > eps) {
        this.level[d] = 1;
        queue.push(d);
      }
    }
    this.sinkLevel = Number.MAX_SAFE_INTEGER;
    for (let head = 0; head < queue.length; head++) {
      const u = queue[head]!;
      const lu = this.level[u]!;
      if (stopAtSink && lu + 1 >= this.sinkLevel) continue;
      if (u < m) {
        for (let i = this.depotArcStart[u]!; i < this.depotArcStart[u + 1]!; i++) {
          const g = this.arcGroup[this.depotArcs[i]!]!;
          if (this.groupAlive[g] && this.level[m + g]! < 0) {
            this.level[m + g] = lu + 1;
            queue.push(m + g);
          }
        }
      } else {
        const g = u - m;
        if (this.requirementKg[g]! - this.inflowKg[g]! > eps) this.sinkLevel = Math.min(this.sinkLevel, lu + 1);
        for (let a = this.groupArcStart[g]!; a < this.groupArcStart[g + 1]!; a++) {
          const d = this.arcDepot[a]!;
          if (this.flowKg[a]! > eps && this.depotAlive[d] && this.level[d]! < 0) {
            this.level[d] = lu + 1;
            queue.push(d);
          }
        }
      }
    }
    return this.sinkLevel !== Number.MAX_SAFE_INTEGER;
  }

  private pushFromDepot(d: number, amountKg: number): number {
    const m = this.depotCount;
    let pushed = 0;
    for (; this.next[d]! < this.depotArcStart[d + 1]!; this.next[d]!++) {
      const a = this.depotArcs[this.next[d]!]!;
      const g = this.arcGroup[a]!;
      if (!this.groupAlive[g] || this.level[m + g] !== this.level[d]! + 1) continue;
      const p = this.pushToGroup(g, amountKg - pushed);
      if (p > 0) {
        this.flowKg[a]! += p;
        pushed += p;
        if (amountKg - pushed <= this.epsKg) return pushed;
      }
    }
    return pushed;
  }

  private pushToGroup(g: number, amountKg: number): number {
    const m = this.depotCount;
    const lg = this.level[m + g]!;
    let pushed = 0;
    if (this.sinkLevel === lg + 1) {
      const take = Math.min(amountKg, this.requirementKg[g]! - this.inflowKg[g]!);
      if (take > 0) {
        this.inflowKg[g]! += take;
        pushed += take;
        if (amountKg - pushed <= this.epsKg) return pushed;
      }
    }
    for (; this.next[m + g]! < this.groupArcStart[g + 1]!; this.next[m + g]!++) {
      const a = this.next[m + g]!;
      const d = this.arcDepot[a]!;
      if (this.flowKg[a]! <= this.epsKg || !this.depotAlive[d] || this.level[d] !== lg + 1) continue;
      const p = this.pushFromDepot(d, Math.min(amountKg - pushed, this.flowKg[a]!));
      if (p > 0) {
        this.flowKg[a]! -= p;
        pushed += p;
        if (amountKg - pushed <= this.epsKg) return pushed;
      }
    }
    return pushed;
  }
}
