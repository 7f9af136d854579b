import type { Operator } from './operator';
import { orOpt } from './or-opt';
import { relocate } from './relocate';
import { swap } from './swap';
import { twoOpt } from './two-opt';
import { twoOptStar } from './two-opt-star';

export { EPS, type Moves, type Operator, type Pair } from './operator';
export { orOpt, relocate, swap, twoOpt, twoOptStar };

/**
 * The local search tries these in this order on each neighbour pair and keeps the first move that
 * improves (first improvement), so the order is part of the search: reordering changes results.
 */
export const OPERATORS: readonly Operator[] = [relocate, orOpt, swap, twoOptStar, twoOpt];
