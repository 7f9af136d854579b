/**
 * Dinic max flow with real capacities on a small explicit graph. Arc a and its reverse a ^ 1 are
 * stored together; flow is kept between calls, so raising capacities and running again continues
 * from the current flow.
 */
export class FlowNetwork {
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly flow: number[] = [];
  private readonly out: number[][] = [];
  private level: Int32Array = new Int32Array(0);
  private next: Int32Array = new Int32Array(0);
  private queue: Int32Array = new Int32Array(0);

  constructor(private readonly epsKg: number) {}

  get nodeCount(): number {
    return this.out.length;
  }

  addNode(): number {
    this.out.push([]);
    return this.out.length - 1;
  }

  addArc(from: number, to: number, capKg: number): number {
    const a = this.to.length;
    this.to.push(to, from);
    this.cap.push(capKg, 0);
    this.flow.push(0, 0);
    this.out[from]!.push(a);
    this.out[to]!.push(a + 1);
    return a;
  }

  flowOf(a: number): number {
    return this.flow[a]!;
  }

  capacityOf(a: number): number {
    return this.cap[a]!;
  }

  /**
   * Sets an arc's capacity. Lowering it below its flow cancels the excess along paths that carry
   * flow onward to `sink`, which exist as long as the flow has no cycles (true for flows on a DAG).
   */
  setCapacity(a: number, capKg: number, sink: number): void {
    this.cap[a] = capKg;
    let excess = this.flow[a]! - capKg;
    while (excess > this.epsKg) {
      const path = [a];
      let u = this.to[a]!;
      while (u !== sink) {
        const b = this.out[u]!.find((arc) => arc % 2 === 0 && this.flow[arc]! > this.epsKg);
        if (b === undefined) break;
        path.push(b);
        u = this.to[b]!;
      }
      let delta = excess;
      for (const b of path) delta = Math.min(delta, this.flow[b]!);
      for (const b of path) this.push(b, -delta);
      excess -= delta;
      if (u !== sink) break;
    }
  }

  maxFlow(source: number, sink: number): number {
    let total = 0;
    if (this.level.length !== this.nodeCount) {
      this.level = new Int32Array(this.nodeCount);
      this.next = new Int32Array(this.nodeCount);
      this.queue = new Int32Array(this.nodeCount);
    }
    while (this.buildLevels(source, sink)) {
      this.next.fill(0);
      const pushed = this.dfs(source, sink, Number.POSITIVE_INFINITY);
      if (pushed <= this.epsKg) break;
      total += pushed;
    }
    return total;
  }

  /** Nodes reachable from `source` through arcs with residual capacity. */
  reachableFrom(source: number): Uint8Array {
    const seen = new Uint8Array(this.nodeCount);
    seen[source] = 1;
    const stack = [source];
    while (stack.length > 0) {
      const u = stack.pop()!;
      for (const a of this.out[u]!) {
        const v = this.to[a]!;
        if (!seen[v] && this.residual(a) > this.epsKg) {
          seen[v] = 1;
          stack.push(v);
        }
      }
    }
    return seen;
  }

  /** Nodes that can still reach `sink` through arcs with residual capacity. */
  reachingTo(sink: number): Uint8Array {
    const seen = new Uint8Array(this.nodeCount);
    seen[sink] = 1;
    const stack = [sink];
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (const back of this.out[v]!) {
        const a = back ^ 1;
        const u = this.to[back]!;
        if (!seen[u] && this.residual(a) > this.epsKg) {
          seen[u] = 1;
          stack.push(u);
        }
      }
    }
    return seen;
  }

  private residual(a: number): number {
    return this.cap[a]! - this.flow[a]!;
  }

  private push(a: number, kg: number): void {
    this.flow[a]! += kg;
    this.flow[a ^ 1]! -= kg;
  }

  private buildLevels(source: number, sink: number): boolean {
    const queue = this.queue;
    this.level.fill(-1);
    this.level[source] = 0;
    queue[0] = source;
    for (let head = 0, tail = 1; head < tail; head++) {
      const u = queue[head]!;
      for (const a of this.out[u]!) {
        const v = this.to[a]!;
        if (this.level[v]! < 0 && this.residual(a) > this.epsKg) {
          this.level[v] = this.level[u]! + 1;
          queue[tail++] = v;
        }
      }
    }
    return this.level[sink]! >= 0;
  }

  private dfs(u: number, sink: number, limit: number): number {
    if (u === sink) return limit;
    let pushed = 0;
    const arcs = this.out[u]!;
    for (; this.next[u]! < arcs.length; this.next[u]!++) {
      const a = arcs[this.next[u]!]!;
      const v = this.to[a]!;
      const room = this.residual(a);
      if (room <= this.epsKg || this.level[v] !== this.level[u]! + 1) continue;
      const p = this.dfs(v, sink, Math.min(limit - pushed, room));
      if (p > 0) {
        this.push(a, p);
        pushed += p;
        if (limit - pushed <= this.epsKg) return pushed;
      }
    }
    return pushed;
  }
}
