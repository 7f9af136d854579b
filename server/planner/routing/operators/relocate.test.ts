import { describe, expect, it } from 'vitest';
import { checkSolution } from '../checker';
import { OPERATORS } from '.';
import { relocate } from './relocate';
import { runOperators, tinyInstance } from './tiny-instance';

describe('relocate', () => {
  // Van 0 detours north-west to a before its south-east stops; a costs less as a detour of
  // van 1, between d and e, which has 1 kg to spare. Van 0 is full (5 kg), so nothing can move
  // the other way, and no string, exchange or reversal gains.
  const instance = tinyInstance([
    [['a', -5, 4, 1], ['b', 4, -4, 2], ['c', 5, -4, 2]],
    [['d', 1, 2, 2], ['e', 0, -5, 2]],
  ], 5);

  it('moves one stop into the other van, between the two stops it passes', () => {
    const run = runOperators(instance, [relocate]);
    expect(run.routes).toEqual([['b', 'c'], ['d', 'a', 'e']]);
    expect(run.after).toBeLessThan(run.before - 0.5);
    expect(run.after).toBeCloseTo(run.before - run.gained, 9);
    expect(checkSolution(instance.problem, run.solution)).toEqual([]);
  });

  it('is the only operator that improves this start', () => {
    for (const other of OPERATORS.filter((op) => op !== relocate)) {
      expect(runOperators(instance, [other]).gained, other.name).toBe(0);
    }
  });
});
