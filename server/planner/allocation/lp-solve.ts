import solver, { type Model } from 'javascript-lp-solver';

export type LpModel = Model;

export interface LpSolution {
  feasible: boolean;
  bounded: boolean;
  objective: number;
  /** Value of a variable; javascript-lp-solver omits variables at zero. */
  value: (name: string) => number;
}

/**
 * Typed front of javascript-lp-solver, whose `Solve` is declared to return `unknown`. `precision` is
 * its pivot tolerance and also the grid its answers are rounded to (library default 1e-8).
 */
export function solveLp(model: LpModel, precision = 1e-8): LpSolution {
  const raw = solver.Solve(model, precision) as Record<string, unknown>;
  return {
    feasible: raw.feasible === true,
    bounded: raw.bounded !== false,
    objective: typeof raw.result === 'number' ? raw.result : Number.NaN,
    value: (name) => {
      const v = raw[name];
      return typeof v === 'number' ? v : 0;
    },
  };
}
