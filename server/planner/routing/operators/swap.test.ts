import { describe, expect, it } from 'vitest';
import { checkSolution } from '../checker';
import { OPERATORS } from '.';
import { swap } from './swap';
import { runOperators, tinyInstance } from './tiny-instance';

describe('swap', () => {
  // Van 0 serves a and b in the south-east; van 1 ends its western loop at e, next to b. Each
  // van has room for only 1 kg more, so neither 2-kg stop can move alone; exchanging a and e
  // keeps both loads and shortens the routes.
  const instance = tinyInstance([
    [['a', 1, -2, 2], ['b', 4, -1, 2]],
    [['c', -4, -4, 1], ['d', -4, 4, 1], ['e', 3, 0, 2]],
  ], 5);

  it('exchanges two stops between the vans', () => {
    const run = runOperators(instance, [swap]);
    expect(run.routes).toEqual([['e', 'b'], ['c', 'd', 'a']]);
    expect(run.after).toBeLessThan(run.before - 0.5);
    expect(run.after).toBeCloseTo(run.before - run.gained, 9);
    expect(checkSolution(instance.problem, run.solution)).toEqual([]);
  });

  it('is the only operator that improves this start', () => {
    for (const other of OPERATORS.filter((op) => op !== swap)) {
      expect(runOperators(instance, [other]).gained, other.name).toBe(0);
    }
  });
});
