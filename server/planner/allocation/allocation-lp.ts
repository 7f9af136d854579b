import { solveLp as solveRounded, type LpModel } from './lp-solve';
import { buildCommodityParts, buildDistanceTable, validWeight } from './parts';
import { DEFAULT_NEAREST_DEPOTS } from './allocate';
import type { AllocationInput, AllocationOptions } from './types';

/**
 * The allocation written as plain LPs over every arc of a commodity and solved by
 * javascript-lp-solver, with no decomposition, grouping or flow argument: the exact reference the
 * tests hold `allocate` to. Dense tableau, so small instances only.
 */
export interface LpAllocation {
  /** max t of the first LP over every zone-commodity (the max-min). */
  minLevel: number;
  /** Leximin delivery, keyed `${zoneId}|${commodityId}`. */
  deliveredKg: Map<string, number>;
  /** Minimum tonne-km delivering exactly `deliveredKg`. */
  tonneKm: number;
}

/** Finer than the library default (1e-8) so the reference is good to ~1e-9. */
const PRECISION = 1e-11;
const solveLp = (model: LpModel) => solveRounded(model, PRECISION);

interface Arc {
  zone: number;
  depot: number;
  distanceM: number;
}

export function leximinByLp(input: AllocationInput, options: AllocationOptions = {}): LpAllocation {
  const out: LpAllocation = { minLevel: 1, deliveredKg: new Map(), tonneKm: 0 };
  for (const { c, zones, arcs } of commodityArcs(input, options)) {
    const demand = (z: number) => input.zones[z]!.demandKg[c]!;
    const required = (z: number, t: number) => Math.max(0, demand(z) * (1 - (1 - t) / validWeight(input.zones[z]!.weight)));
    const frozen = new Map<number, number>();
    let first = true;
    while (frozen.size < zones.length) {
      const active = zones.filter((z) => !frozen.has(z));
      const lowest = Math.min(...active.map((z) => 1 - validWeight(input.zones[z]!.weight)));
      const solved = solveLp(levelModel(input, c, arcs, active, frozen, lowest));
      if (!solved.feasible) throw new Error('allocation LP: max t infeasible');
      const t = lowest + solved.value('u');
      if (first) out.minLevel = Math.min(out.minLevel, t);
      first = false;
      if (t >= 1 - 1e-9) {
        for (const z of active) frozen.set(z, demand(z));
        break;
      }
      // A zone is blocked at t when, with everyone else still at their level-t minimum, it cannot get more.
      const slack = active.map((z) => {
        const floors = new Map(frozen);
        const model = fixedLevelModel(input, c, arcs, active, floors, t);
        model.optimize = `y${z}`;
        const solved = solveLp(model);
        if (!solved.feasible) throw new Error('allocation LP: level t infeasible');
        return solved.objective - required(z, t);
      });
      const least = Math.min(...slack);
      active.forEach((z, i) => {
        if (slack[i]! <= Math.max(1e-7 * (1 + demand(z)), least)) frozen.set(z, required(z, t));
      });
    }
    for (const [z, kg] of frozen) out.deliveredKg.set(`${input.zones[z]!.id}|${c}`, kg);
    out.tonneKm += costOf(input, c, arcs, frozen);
  }
  return out;
}

/** The first LP alone (max t, the max-min) per commodity: what javascript-lp-solver costs at size. */
export function maxMinLevelByLp(input: AllocationInput, options: AllocationOptions = {}): number {
  let minLevel = 1;
  for (const { c, zones, arcs } of commodityArcs(input, options)) {
    const lowest = Math.min(...zones.map((z) => 1 - validWeight(input.zones[z]!.weight)));
    const solved = solveLp(levelModel(input, c, arcs, zones, new Map(), lowest));
    if (!solved.feasible) throw new Error('allocation LP: max t infeasible');
    minLevel = Math.min(minLevel, lowest + solved.value('u'));
  }
  return minLevel;
}

function commodityArcs(input: AllocationInput, options: AllocationOptions) {
  const k = Math.max(1, Math.floor(options.nearestDepots ?? DEFAULT_NEAREST_DEPOTS));
  const table = buildDistanceTable(input);
  return input.commodities.map(({ id: c }) => {
    const { parts, unreachableZones } = buildCommodityParts(input, table, c, k, options.maxDistanceM ?? Infinity);
    const arcs: Arc[] = [];
    const zones = [...unreachableZones];
    for (const part of parts) {
      part.zones.forEach((z, i) => {
        zones.push(z);
        for (let a = part.arcStart[i]!; a < part.arcStart[i + 1]!; a++) {
          arcs.push({ zone: z, depot: part.depots[part.arcDepot[a]!]!, distanceM: part.arcDistanceM[a]! });
        }
      });
    }
    return { c, zones, arcs };
  });
}

/**
 * max t over the active zones, frozen zones held at their amounts. t is written t = lowest + u with
 * u ≥ 0 because javascript-lp-solver 1.0.3 reports a feasible LP whose optimum has a negative free
 * variable as infeasible; at t = lowest = min(1 − weight) every requirement is zero, so u ≥ 0 loses nothing.
 */
function levelModel(input: AllocationInput, c: string, arcs: Arc[], active: number[], frozen: Map<number, number>, lowest: number): LpModel {
  const model = baseModel(input, c, arcs, active, frozen);
  const u: Record<string, number> = { u: 1, ucap: 1 };
  for (const z of active) {
    const q = input.zones[z]!.demandKg[c]!;
    const w = validWeight(input.zones[z]!.weight);
    // y ≥ q (1 − (1 − t)/w)  ⇔  y − (q/w) u ≥ q − q/w + (q/w) lowest
    model.constraints[`r${z}`] = { min: q - q / w + (q / w) * lowest };
    u[`r${z}`] = -q / w;
  }
  model.variables.u = u;
  model.constraints.ucap = { max: 1 - lowest };
  model.optimize = 'u';
  return model;
}

/** The feasible set at level t, to ask how much more one zone could get. */
function fixedLevelModel(input: AllocationInput, c: string, arcs: Arc[], active: number[], frozen: Map<number, number>, t: number): LpModel {
  const model = baseModel(input, c, arcs, active, frozen);
  for (const z of active) {
    const q = input.zones[z]!.demandKg[c]!;
    const w = validWeight(input.zones[z]!.weight);
    // javascript-lp-solver rounds its answers, so t may sit a hair above the true level.
    model.constraints[`r${z}`] = { min: Math.max(0, q * (1 - (1 - t) / w)) - 1e-9 * (1 + q) };
  }
  return model;
}

function baseModel(input: AllocationInput, c: string, arcs: Arc[], active: number[], frozen: Map<number, number>) {
  const constraints: LpModel['constraints'] = {};
  const variables: LpModel['variables'] = {};
  for (const [z, kg] of frozen) constraints[`r${z}`] = { min: kg - 1e-9 * (1 + kg) };
  for (const z of active) constraints[`c${z}`] = { max: input.zones[z]!.demandKg[c]! };
  input.depots.forEach((d, i) => (constraints[`s${i}`] = { max: d.stockKg[c] ?? 0 }));
  arcs.forEach((a, i) => {
    // `y<zone>` is not a constraint: it names the zone's delivery as an objective.
    const v: Record<string, number> = { [`r${a.zone}`]: 1, [`s${a.depot}`]: 1, [`y${a.zone}`]: 1 };
    if (!frozen.has(a.zone)) v[`c${a.zone}`] = 1;
    variables[`x${i}`] = v;
  });
  return { optimize: 'u', opType: 'max' as const, constraints, variables };
}

function costOf(input: AllocationInput, c: string, arcs: Arc[], delivered: Map<number, number>): number {
  const constraints: LpModel['constraints'] = {};
  const variables: LpModel['variables'] = {};
  for (const [z, kg] of delivered) constraints[`r${z}`] = { min: kg - 1e-9 * (1 + kg), max: kg };
  input.depots.forEach((d, i) => (constraints[`s${i}`] = { max: d.stockKg[c] ?? 0 }));
  arcs.forEach((a, i) => (variables[`x${i}`] = { cost: a.distanceM / 1e6, [`r${a.zone}`]: 1, [`s${a.depot}`]: 1 }));
  const r = solveLp({ optimize: 'cost', opType: 'min', constraints, variables });
  if (!r.feasible) throw new Error('allocation LP: cost LP infeasible');
  return r.objective;
}
