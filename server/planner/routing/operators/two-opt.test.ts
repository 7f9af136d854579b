import { describe, expect, it } from 'vitest';
import { checkSolution } from '../checker';
import { OPERATORS } from '.';
import { twoOpt } from './two-opt';
import { runOperators, tinyInstance } from './tiny-instance';

describe('2-opt', () => {
  // Two rows of stops, bottom b1..b4 and top t1..t4, with the depot at their left end. The van
  // crosses between the rows twice (b1 -> t2 and b2 -> t1); the cure is to reverse the six stops
  // between, more than any single-stop or 2-3-stop move can fix.
  const instance = tinyInstance([
    [['b1', 1, 0, 1], ['t2', 2, 1, 1], ['t3', 3, 1, 1], ['t4', 4, 1, 1], ['b4', 4, 0, 1], ['b3', 3, 0, 1], ['b2', 2, 0, 1], ['t1', 1, 1, 1]],
  ], 8, [[0, 0.5]]);

  it('reverses part of a route to undo a crossing', () => {
    const run = runOperators(instance, [twoOpt]);
    expect(run.routes).toEqual([['b1', 'b2', 'b3', 'b4', 't4', 't3', 't2', 't1']]);
    expect(run.after).toBeLessThan(run.before - 0.5);
    expect(run.after).toBeCloseTo(run.before - run.gained, 9);
    expect(checkSolution(instance.problem, run.solution)).toEqual([]);
  });

  it('is the only operator that improves this start', () => {
    for (const other of OPERATORS.filter((op) => op !== twoOpt)) {
      expect(runOperators(instance, [other]).gained, other.name).toBe(0);
    }
  });
});
