import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSolution, cvrpRoutes, cvrpToProblem, parseCvrpSolution, solveRouting } from '../server/planner/routing';
import { checkCvrp, readCvrp } from './cvrplib';

const dir = resolve(import.meta.dirname, '../../shared/bench/cvrplib/A');
const inst = readCvrp(resolve(dir, 'A-n32-k5.vrp'));

describe('CVRPLIB A-n32-k5', () => {
  it('parses header, coordinates, demands and depot', () => {
    expect(inst.name).toBe('A-n32-k5');
    expect(inst.dimension).toBe(32);
    expect(inst.capacity).toBe(100);
    expect(inst.depot).toBe(0);
    expect(inst.coords[0]).toEqual([82, 76]);
    expect(inst.coords[31]).toEqual([98, 5]);
    expect(inst.demands[0]).toBe(0);
    expect(inst.demands.reduce((a, b) => a + b, 0)).toBe(410);
  });

  it('reproduces the cost of the published solution with nint distances', () => {
    const sol = parseCvrpSolution(readFileSync(resolve(dir, 'A-n32-k5.sol'), 'utf8'));
    expect(sol.cost).toBe(784);
    expect(sol.routes).toHaveLength(5);
    // .sol numbers customers 1..n after the depot, which is node index 0 here.
    const check = checkCvrp(inst, sol.routes);
    expect(check.errors).toEqual([]);
    expect(check.cost).toBe(784);
  });

  it('is solved feasibly within 5 % of the best known 784 under an iteration limit, reproducibly', () => {
    const problem = cvrpToProblem(inst);
    const a = solveRouting(problem, { seed: 1, maxIterations: 20000 });
    expect(checkSolution(problem, a)).toEqual([]);
    const check = checkCvrp(inst, cvrpRoutes(a));
    expect(check.errors).toEqual([]);
    expect(check.cost).toBe(a.totalDistanceM);
    expect(check.cost).toBeLessThanOrEqual(784 * 1.05);
    const b = solveRouting(problem, { seed: 1, maxIterations: 20000 });
    expect(cvrpRoutes(b)).toEqual(cvrpRoutes(a));
  });

  it('checker rejects a route over capacity and a missing customer', () => {
    const bad = checkCvrp(inst, [[...Array(30).keys()].map((i) => i + 1)]);
    expect(bad.feasible).toBe(false);
    expect(bad.errors.some((e) => e.includes('load'))).toBe(true);
    expect(bad.errors.some((e) => e.includes('not visited'))).toBe(true);
  });
});
