import type { Rng } from './rng';
import type { RouteState } from './state';
import type { SearchParams } from './types';

/**
 * SISR ruin (Christiaens & Vanden Berghe): remove a few strings of consecutive jobs from trips
 * that are spatially close to a random seed job, so the rebuild can reshuffle a neighbourhood.
 * Scratch arrays are owned by the caller's Ruiner to avoid allocation per iteration.
 */
export class Ruiner {
  private readonly mark: Int32Array;
  private stamp = 0;

  constructor(slots: number) {
    this.mark = new Int32Array(slots);
  }

  /** Returns how many jobs were written to `removed`. */
  ruin(s: RouteState, rng: Rng, p: SearchParams, removed: Int32Array): number {
    const c = s.c;
    if (s.assigned === 0) return 0;
    let trips = 0;
    for (let u = 0; u < s.usedCount; u++) trips += s.tripCount[s.used[u]!]!;
    const meanLen = s.assigned / trips;
    const maxLen = Math.min(p.maxStringLength, meanLen);
    const maxStrings = (4 * p.meanRemoved) / (1 + maxLen) - 1;
    const strings = Math.floor(rng.next() * Math.max(1, maxStrings)) + 1;

    let seed = rng.int(c.jobCount);
    for (let tries = 0; s.jobSlot[seed]! < 0 && tries < c.jobCount; tries++) seed = (seed + 1) % c.jobCount;
    this.stamp++;
    let ruined = 0;
    let count = 0;
    const K = c.neighbourCount;
    for (let i = -1; i < K && ruined < strings; i++) {
      const j = i < 0 ? seed : c.neighbours[seed * K + i]!;
      const slot = s.jobSlot[j]!;
      if (slot < 0 || this.mark[slot] === this.stamp) continue;
      this.mark[slot] = this.stamp;
      ruined++;
      const n = s.len[slot]!;
      const l = Math.floor(rng.next() * Math.min(n, maxLen)) + 1;
      count += rng.next() < p.splitRate && l < n
        ? this.removeSplitString(s, rng, p, slot, s.jobPos[j]!, l, removed, count)
        : this.removeString(s, rng, slot, s.jobPos[j]!, l, removed, count);
    }
    s.compact();
    return count;
  }

  private removeString(s: RouteState, rng: Rng, slot: number, pos: number, l: number, out: Int32Array, at: number): number {
    const n = s.len[slot]!;
    const lo = Math.max(0, pos - l + 1);
    const hi = Math.min(pos, n - l);
    s.removeRange(slot, lo + rng.int(hi - lo + 1), l, out, at);
    return l;
  }

  /** Removes l jobs out of a string of l + m, keeping m consecutive ones in the middle. */
  private removeSplitString(
    s: RouteState, rng: Rng, p: SearchParams, slot: number, pos: number, l: number, out: Int32Array, at: number,
  ): number {
    const n = s.len[slot]!;
    let m = 1;
    // The kept part grows until a beta-probability stop, so it is usually most of the trip.
    while (l + m < n && rng.next() >= p.splitDepth) m++;
    const total = l + m;
    const lo = Math.max(0, pos - total + 1);
    const hi = Math.min(pos, n - total);
    const start = lo + rng.int(hi - lo + 1);
    const keepAt = start + rng.int(l + 1);
    // Remove the tail part first so the head positions stay valid.
    const tailCount = start + total - (keepAt + m);
    if (tailCount > 0) s.removeRange(slot, keepAt + m, tailCount, out, at);
    const headCount = keepAt - start;
    if (headCount > 0) s.removeRange(slot, start, headCount, out, at + tailCount);
    return l;
  }
}
