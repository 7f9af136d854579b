import type { Compiled } from './problem';

/**
 * A solution as flat arrays. Each vehicle owns `maxTrips` trip slots (slot = v * maxTrips + k);
 * its trips are slots k = 0..tripCount-1, in driving order. Timing fields are kept only for timed
 * problems: earliest service starts forward, latest feasible starts backward, so an insertion is
 * checked in O(1).
 */
export class RouteState {
  readonly c: Compiled;
  readonly nodes: Int32Array[];
  readonly len: Int32Array;
  readonly load: Float64Array;
  readonly tripDist: Float64Array;
  readonly tripCount: Int32Array;
  readonly jobSlot: Int32Array;
  readonly jobPos: Int32Array;
  /** Vehicles with at least one trip, in no particular order; usedIdx is the inverse map. */
  readonly used: Int32Array;
  readonly usedIdx: Int32Array;
  usedCount = 0;
  assigned = 0;
  distance = 0;
  readonly jobStart: Float64Array;
  readonly jobLatest: Float64Array;
  readonly tripStart: Float64Array;
  readonly tripEnd: Float64Array;
  readonly tripLatestEnd: Float64Array;
  /** Vehicles changed since clearTouched(): all that differs from a state this one was synced with. */
  readonly touched: Int32Array;
  touchedCount = 0;
  private readonly isTouched: Uint8Array;
  private readonly dirty: Int32Array;
  private readonly isDirty: Uint8Array;
  private dirtyCount = 0;

  constructor(c: Compiled) {
    this.c = c;
    const slots = c.vehicleCount * c.maxTrips;
    this.nodes = Array.from({ length: slots }, () => new Int32Array(8));
    this.len = new Int32Array(slots);
    this.load = new Float64Array(slots * c.dims);
    this.tripDist = new Float64Array(slots);
    this.tripCount = new Int32Array(c.vehicleCount);
    this.jobSlot = new Int32Array(c.jobCount).fill(-1);
    this.jobPos = new Int32Array(c.jobCount).fill(-1);
    this.used = new Int32Array(c.vehicleCount);
    this.usedIdx = new Int32Array(c.vehicleCount).fill(-1);
    this.jobStart = new Float64Array(c.jobCount);
    this.jobLatest = new Float64Array(c.jobCount);
    this.tripStart = new Float64Array(slots);
    this.tripEnd = new Float64Array(slots);
    this.tripLatestEnd = new Float64Array(slots);
    this.touched = new Int32Array(c.vehicleCount);
    this.isTouched = new Uint8Array(c.vehicleCount);
    this.dirty = new Int32Array(c.vehicleCount);
    this.isDirty = new Uint8Array(c.vehicleCount);
  }

  cost(): number {
    return this.distance + this.c.penalty * (this.c.jobCount - this.assigned);
  }

  private computeTripDist(slot: number): number {
    const n = this.len[slot]!;
    if (n === 0) return 0;
    const { dist, size, jobLoc } = this.c;
    const depot = this.c.vehDepot[(slot / this.c.maxTrips) | 0]!;
    const arr = this.nodes[slot]!;
    let prev = depot;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const loc = jobLoc[arr[i]!]!;
      sum += dist[prev * size + loc]!;
      prev = loc;
    }
    return sum + dist[prev * size + depot]!;
  }

  private setTripDist(slot: number): void {
    const d = this.computeTripDist(slot);
    this.distance += d - this.tripDist[slot]!;
    this.tripDist[slot] = d;
  }

  /** Inserts job j before position pos of the slot; a slot at k == tripCount opens a new trip. */
  insert(j: number, slot: number, pos: number): void {
    const v = (slot / this.c.maxTrips) | 0;
    const k = slot - v * this.c.maxTrips;
    if (k === this.tripCount[v]) {
      this.tripCount[v] = k + 1;
      if (k === 0) {
        this.usedIdx[v] = this.usedCount;
        this.used[this.usedCount++] = v;
      }
    }
    this.touch(v);
    const n = this.len[slot]!;
    let arr = this.nodes[slot]!;
    if (n === arr.length) {
      const grown = new Int32Array(arr.length * 2);
      grown.set(arr);
      this.nodes[slot] = arr = grown;
    }
    for (let i = n; i > pos; i--) {
      const moved = arr[i - 1]!;
      arr[i] = moved;
      this.jobPos[moved] = i;
    }
    arr[pos] = j;
    this.len[slot] = n + 1;
    this.jobSlot[j] = slot;
    this.jobPos[j] = pos;
    const D = this.c.dims;
    for (let d = 0; d < D; d++) this.load[slot * D + d] = this.load[slot * D + d]! + this.c.jobAmt[j * D + d]!;
    this.assigned++;
    this.setTripDist(slot);
    if (this.c.timed) this.refreshTiming(v);
  }

  /** Removes `count` jobs starting at `pos`, writing them to out[outAt..]. Empty trips stay until compact(). */
  removeRange(slot: number, pos: number, count: number, out: Int32Array, outAt: number): void {
    const arr = this.nodes[slot]!;
    const n = this.len[slot]!;
    const D = this.c.dims;
    for (let i = 0; i < count; i++) {
      const j = arr[pos + i]!;
      out[outAt + i] = j;
      this.jobSlot[j] = -1;
      this.jobPos[j] = -1;
      for (let d = 0; d < D; d++) this.load[slot * D + d] = this.load[slot * D + d]! - this.c.jobAmt[j * D + d]!;
    }
    for (let i = pos + count; i < n; i++) {
      const moved = arr[i]!;
      arr[i - count] = moved;
      this.jobPos[moved] = i - count;
    }
    this.len[slot] = n - count;
    this.assigned -= count;
    this.setTripDist(slot);
    const v = (slot / this.c.maxTrips) | 0;
    this.touch(v);
    if (this.isDirty[v] === 0) {
      this.isDirty[v] = 1;
      this.dirty[this.dirtyCount++] = v;
    }
  }

  /** Drops trips emptied by removals and refreshes the schedules they touched. */
  compact(): void {
    const MT = this.c.maxTrips;
    const D = this.c.dims;
    for (let i = 0; i < this.dirtyCount; i++) {
      const v = this.dirty[i]!;
      this.isDirty[v] = 0;
      const count = this.tripCount[v]!;
      let kept = 0;
      for (let k = 0; k < count; k++) {
        const from = v * MT + k;
        if (this.len[from] === 0) continue;
        if (kept !== k) {
          const to = v * MT + kept;
          const tmp = this.nodes[to]!;
          this.nodes[to] = this.nodes[from]!;
          this.nodes[from] = tmp;
          this.len[to] = this.len[from]!;
          this.len[from] = 0;
          this.tripDist[to] = this.tripDist[from]!;
          this.tripDist[from] = 0;
          for (let d = 0; d < D; d++) {
            this.load[to * D + d] = this.load[from * D + d]!;
            this.load[from * D + d] = 0;
          }
          const arr = this.nodes[to]!;
          for (let p = 0; p < this.len[to]!; p++) this.jobSlot[arr[p]!] = to;
        }
        kept++;
      }
      for (let k = kept; k < count; k++) {
        const s = v * MT + k;
        this.tripDist[s] = 0;
        for (let d = 0; d < D; d++) this.load[s * D + d] = 0;
      }
      this.tripCount[v] = kept;
      if (kept === 0 && count > 0) {
        const at = this.usedIdx[v]!;
        const last = this.used[--this.usedCount]!;
        this.used[at] = last;
        this.usedIdx[last] = at;
        this.usedIdx[v] = -1;
      } else if (this.c.timed) {
        this.refreshTiming(v);
      }
    }
    this.dirtyCount = 0;
  }

  /** Forward pass for earliest service starts, backward pass for the latest ones that keep the shift feasible. */
  refreshTiming(v: number): void {
    const c = this.c;
    const { dur, size, jobLoc, jobSvc, jobEarly, jobLate } = c;
    const MT = c.maxTrips;
    const depot = c.vehDepot[v]!;
    const f = c.vehFactor[v]!;
    const count = this.tripCount[v]!;
    let t = c.vehStart[v]!;
    for (let k = 0; k < count; k++) {
      const slot = v * MT + k;
      if (k > 0) t += c.vehReload[v]!;
      this.tripStart[slot] = t;
      const arr = this.nodes[slot]!;
      let prev = depot;
      for (let i = 0; i < this.len[slot]!; i++) {
        const j = arr[i]!;
        const loc = jobLoc[j]!;
        const s = Math.max(t + dur[prev * size + loc]! * f, jobEarly[j]!);
        this.jobStart[j] = s;
        t = s + jobSvc[j]!;
        prev = loc;
      }
      t += dur[prev * size + depot]! * f;
      this.tripEnd[slot] = t;
    }
    let latest = c.vehEnd[v]!;
    for (let k = count - 1; k >= 0; k--) {
      const slot = v * MT + k;
      this.tripLatestEnd[slot] = latest;
      const arr = this.nodes[slot]!;
      let next = depot;
      for (let i = this.len[slot]! - 1; i >= 0; i--) {
        const j = arr[i]!;
        const loc = jobLoc[j]!;
        latest = Math.min(jobLate[j]!, latest - dur[loc * size + next]! * f - jobSvc[j]!);
        this.jobLatest[j] = latest;
        next = loc;
      }
      latest = latest - dur[depot * size + next]! * f - c.vehReload[v]!;
    }
  }

  private touch(v: number): void {
    if (this.isTouched[v] === 1) return;
    this.isTouched[v] = 1;
    this.touched[this.touchedCount++] = v;
  }

  clearTouched(): void {
    for (let i = 0; i < this.touchedCount; i++) this.isTouched[this.touched[i]!] = 0;
    this.touchedCount = 0;
  }

  /** Full copy of another state of the same problem. */
  copyFrom(o: RouteState): void {
    for (let u = 0; u < this.usedCount; u++) this.copyVehicle(o, this.used[u]!);
    for (let u = 0; u < o.usedCount; u++) this.copyVehicle(o, o.used[u]!);
    this.copyShared(o);
  }

  /** Copy that trusts `log.touched` to list every vehicle on which this state and o differ. */
  syncFrom(o: RouteState, log: RouteState): void {
    for (let i = 0; i < log.touchedCount; i++) this.copyVehicle(o, log.touched[i]!);
    this.copyShared(o);
  }

  private copyVehicle(o: RouteState, v: number): void {
    const MT = this.c.maxTrips;
    const D = this.c.dims;
    const trips = Math.max(this.tripCount[v]!, o.tripCount[v]!);
    for (let k = 0; k < trips; k++) this.copySlot(o, v * MT + k, D);
    this.tripCount[v] = o.tripCount[v]!;
  }

  private copyShared(o: RouteState): void {
    this.jobSlot.set(o.jobSlot);
    this.jobPos.set(o.jobPos);
    this.used.set(o.used);
    this.usedIdx.set(o.usedIdx);
    this.usedCount = o.usedCount;
    this.assigned = o.assigned;
    this.distance = o.distance;
    if (this.c.timed) {
      this.jobStart.set(o.jobStart);
      this.jobLatest.set(o.jobLatest);
    }
    this.dirtyCount = 0;
  }

  private copySlot(o: RouteState, s: number, D: number): void {
    const n = o.len[s]!;
    let arr = this.nodes[s]!;
    if (arr.length < n) this.nodes[s] = arr = new Int32Array(o.nodes[s]!.length);
    const src = o.nodes[s]!;
    for (let i = 0; i < n; i++) arr[i] = src[i]!;
    this.len[s] = n;
    this.tripDist[s] = o.tripDist[s]!;
    for (let d = 0; d < D; d++) this.load[s * D + d] = o.load[s * D + d]!;
    this.tripStart[s] = o.tripStart[s]!;
    this.tripEnd[s] = o.tripEnd[s]!;
    this.tripLatestEnd[s] = o.tripLatestEnd[s]!;
  }

  /** Trips of the used vehicles as job index lists, for output and local search. */
  tripsOf(v: number): number[][] {
    const out: number[][] = [];
    for (let k = 0; k < this.tripCount[v]!; k++) {
      const s = v * this.c.maxTrips + k;
      out.push(Array.from(this.nodes[s]!.subarray(0, this.len[s]!)));
    }
    return out;
  }

  /** Recomputes the total from the trips so float drift cannot accumulate across many moves. */
  resyncDistance(): void {
    let sum = 0;
    for (let u = 0; u < this.usedCount; u++) {
      const v = this.used[u]!;
      for (let k = 0; k < this.tripCount[v]!; k++) sum += this.tripDist[v * this.c.maxTrips + k]!;
    }
    this.distance = sum;
  }
}
