// The sweep's status: the edges the sweep line crosses, bottom to top, as a treap with parent
// links, so insertion is O(log n) expected and removal and neighbours need no comparison (the
// order is only well defined left of the first meeting, and removal happens at an edge's end).

export interface StatusNode<T> {
  item: T;
  left: StatusNode<T> | null;
  right: StatusNode<T> | null;
  parent: StatusNode<T> | null;
  priority: number;
}

export class SweepStatus<T> {
  private root: StatusNode<T> | null = null;
  // Deterministic pseudo-random priorities (a 32-bit LCG): the pure core takes no Math.random().
  private seed = 0x2545f491;
  private nextPriority(): number {
    this.seed = (Math.imul(this.seed, 1664525) + 1013904223) >>> 0;
    return this.seed / 2 ** 32;
  }

  /**
   * Inserts `item` where `below(existing)` says: true when `item` goes below `existing`. Pseudo-random
   * priorities keep the expected depth logarithmic whatever order the edges come in.
   */
  insert(item: T, below: (existing: T) => boolean): StatusNode<T> {
    const node: StatusNode<T> = { item, left: null, right: null, parent: null, priority: this.nextPriority() };
    if (!this.root) {
      this.root = node;
      return node;
    }
    let at = this.root;
    for (;;) {
      if (below(at.item)) {
        if (!at.left) { at.left = node; break; }
        at = at.left;
      } else {
        if (!at.right) { at.right = node; break; }
        at = at.right;
      }
    }
    node.parent = at;
    while (node.parent && node.parent.priority > node.priority) this.rotateUp(node);
    return node;
  }

  remove(node: StatusNode<T>): void {
    // Rotate the node down to a leaf (keeping the heap order among the rest), then cut it off.
    while (node.left || node.right) {
      const child = !node.right || (node.left && node.left.priority < node.right.priority) ? node.left! : node.right;
      this.rotateUp(child);
    }
    const parent = node.parent;
    if (!parent) this.root = null;
    else if (parent.left === node) parent.left = null;
    else parent.right = null;
    node.parent = null;
  }

  /** The next node below, or null. */
  below(node: StatusNode<T>): StatusNode<T> | null {
    if (node.left) {
      let n = node.left;
      while (n.right) n = n.right;
      return n;
    }
    let n = node;
    while (n.parent && n.parent.left === n) n = n.parent;
    return n.parent;
  }

  /** The next node above, or null. */
  above(node: StatusNode<T>): StatusNode<T> | null {
    if (node.right) {
      let n = node.right;
      while (n.left) n = n.left;
      return n;
    }
    let n = node;
    while (n.parent && n.parent.right === n) n = n.parent;
    return n.parent;
  }

  private rotateUp(x: StatusNode<T>): void {
    const p = x.parent!;
    const g = p.parent;
    if (p.left === x) {
      p.left = x.right;
      if (x.right) x.right.parent = p;
      x.right = p;
    } else {
      p.right = x.left;
      if (x.left) x.left.parent = p;
      x.left = p;
    }
    p.parent = x;
    x.parent = g;
    if (!g) this.root = x;
    else if (g.left === p) g.left = x;
    else g.right = x;
  }
}
