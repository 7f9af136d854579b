import type { PlanTrip } from '../plan';
import type { Compiled } from '../problem';

/** A move must gain more than this; smaller "gains" are float noise and would let the search cycle. */
export const EPS = 1e-7;

/**
 * The neighbour pair (u, w) every operator looks at, with the locations around both, computed
 * once per pair by the local search. Positions are indices into the trips' node lists; a
 * neighbour off either end of a trip is the van's depot.
 */
export interface Pair {
  /** Trip of u and trip of w (the same object when both are in one trip). */
  A: PlanTrip;
  B: PlanTrip;
  /** The two jobs and their positions in A and B. */
  u: number;
  w: number;
  iu: number;
  iw: number;
  /** Locations of u, of w, and of the stops (or depot) before and after each. */
  lu: number;
  lw: number;
  pU: number;
  nU: number;
  pW: number;
  nW: number;
  /** Distance saved by taking u out of A alone. */
  removeU: number;
  same: boolean;
}

/** What the local search lends an operator: distances, feasibility checks and the one way to commit a move. */
export interface Moves {
  readonly c: Compiled;
  d(a: number, b: number): number;
  /** Location of stop i of t; i = -1 or i = length is the van's depot. */
  loc(t: PlanTrip, i: number): number;
  /** Would trip t still fit its van after gaining add[from..+len) and losing sub[from..+len)? */
  fits(t: PlanTrip, add: PlanTrip, addFrom: number, addLen: number, sub: PlanTrip | null, subFrom: number, subLen: number): boolean;
  /** Distance along t from stop `from` over `len` stops, walked backwards when reversed. */
  pathCost(t: PlanTrip, from: number, len: number, reversed: boolean): number;
  /** New node lists after moving A[from..from+len) to position `to` of B (indices before the move). */
  moved(A: PlanTrip, from: number, len: number, B: PlanTrip, to: number, reverse: boolean): [number[], number[]];
  /** Checks capacity and time in full, then commits the new node lists of A and B; false if infeasible. */
  apply(A: PlanTrip, B: PlanTrip, lists: [number[], number[]]): boolean;
}

/**
 * One neighbourhood move. Deltas are O(1) from the pair; only an improving move pays for the
 * full check in `apply`. Returns the distance gained by the move it made, or 0 if it made none.
 */
export interface Operator {
  readonly name: string;
  tryImprove(m: Moves, p: Pair): number;
}
