import { describe, expect, it } from 'vitest';
import { checkSolution } from '../checker';
import { OPERATORS } from '.';
import { orOpt } from './or-opt';
import { runOperators, tinyInstance } from './tiny-instance';

describe('or-opt', () => {
  // Van 0 runs out west to b and c; van 1 can carry them on from e, taking c first (the string
  // reversed). Moving either one alone, or exchanging stops, does not gain.
  const instance = tinyInstance([
    [['a', -1, -1, 1], ['b', -5, -3, 1], ['c', -4, 1, 1]],
    [['d', 0, 3, 2], ['e', -2, 4, 1]],
  ], 5);

  it('moves a string of two stops to the other van, reversed', () => {
    const run = runOperators(instance, [orOpt]);
    expect(run.routes).toEqual([['a'], ['d', 'e', 'c', 'b']]);
    expect(run.after).toBeLessThan(run.before - 0.5);
    expect(run.after).toBeCloseTo(run.before - run.gained, 9);
    expect(checkSolution(instance.problem, run.solution)).toEqual([]);
  });

  it('is the only operator that improves this start', () => {
    for (const other of OPERATORS.filter((op) => op !== orOpt)) {
      expect(runOperators(instance, [other]).gained, other.name).toBe(0);
    }
  });
});
