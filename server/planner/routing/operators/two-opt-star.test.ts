import { describe, expect, it } from 'vitest';
import { checkSolution } from '../checker';
import { OPERATORS } from '.';
import { runOperators, tinyInstance, type TinyInstance } from './tiny-instance';
import { twoOptStar } from './two-opt-star';

function expectOnlyTwoOptStar(instance: TinyInstance, expected: string[][]): void {
  const run = runOperators(instance, [twoOptStar]);
  expect(run.routes).toEqual(expected);
  expect(run.after).toBeLessThan(run.before - 0.5);
  expect(run.after).toBeCloseTo(run.before - run.gained, 9);
  expect(checkSolution(instance.problem, run.solution)).toEqual([]);
  for (const other of OPERATORS.filter((op) => op !== twoOptStar)) {
    expect(runOperators(instance, [other]).gained, other.name).toBe(0);
  }
}

describe('2-opt*', () => {
  it('exchanges the ends of two routes, and is the only operator that improves this start', () => {
    // Van 0 ends in the south-east (c) after its western stops; van 1 starts north-east (d) and
    // then works west. Swapping the ends of the routes after b and after d gives van 0 the whole
    // west and van 1 the east; no single stop or short string can move far enough alone.
    const instance = tinyInstance([
      [['a', -2, -1, 1], ['b', -4, -2, 2], ['c', 1, -4, 2]],
      [['d', 1, 4, 1], ['e', -5, 1, 1], ['f', -2, 1, 1]],
    ], 5);
    expectOnlyTwoOptStar(instance, [['a', 'b', 'e', 'f'], ['d', 'c']]);
  });

  it('sends each moved end home to its new van\'s depot when the vans start apart', () => {
    // Depots at x = 0 and x = 10; each van serves one stop near home, then the far side. After
    // the exchange every stop is served from its own side, and the gain counts the new returns.
    // Tails of 2 kg each way, vans full at 3 kg: no single stop can move or be exchanged.
    const instance = tinyInstance([
      [['a', 1, 0, 1], ['b1', 9, 1, 1], ['b2', 9, 2, 1]],
      [['c', 9, -1, 1], ['d', 1, -1, 2]],
    ], 3, [[0, 0], [10, 0]]);
    expectOnlyTwoOptStar(instance, [['a', 'd'], ['c', 'b1', 'b2']]);
  });
});
