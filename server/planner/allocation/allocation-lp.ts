import { solveLp, type LpModel } from './lp-solve';
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

interface Arc {
  zone: number;
  depot: number;
  distanceM: number;
}

export function leximinByLp(input: AllocationInput, options: AllocationOptions = {}): LpAllocation {
  const k = Math.max(1, Math.floor(options.nearestDepots ?? DEFAULT_NEAREST_DEPOTS));
  const table = buildDistanceTable(input);
  const out: LpAllocation = { minLevel: 1, deliveredKg: new Map(), tonneKm: 0 };
  for (const { id: c } of input.commodities) {
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
    const demand = (z: number) => input.zones[z]!.demandKg[c]!;
    const required = (z: number, t: number) => Math.max(0, demand(z) * (1 - (1 - t) / validWeight(input.zones[z]!.weight)));
    const frozen = new Map<number, number>();
    let first = true;
    while (frozen.size < zones.length) {
      const active = zones.filter((z) => !frozen.has(z));
      const t = solveLp(levelModel(input, c, arcs, active, frozen)).value('t');
      if (first) out.minLevel = Math.min(out.minLevel, t);
      first = false;
      if (t >= 1 - 1e-9) {
        for (const z of active) frozen.set(z, demand(z));
        break;
      }
      // A zone is blocked at t when, with everyone else still at their level-t minimum, it cannot get more.
      const slack = active.map((z) => {
        const floors = new Map(frozen);
        const model = levelModel(input, c, arcs, active, floors, t);
        model.optimize = `y${z}`;
        return solveLp(model).objective - required(z, t);
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

/** max t, or (with `fixedT`) the feasible set at that level with y variables exposed. */
function levelModel(
  input: AllocationInput,
  c: string,
  arcs: Arc[],
  active: number[],
  frozen: Map<number, number>,
  fixedT?: number,
): LpModel {
  const constraints: LpModel['constraints'] = {};
  const variables: LpModel['variables'] = {};
  for (const [z, kg] of frozen) constraints[`r${z}`] = { min: kg * (1 - 1e-9) };
  for (const z of active) {
    const q = input.zones[z]!.demandKg[c]!;
    const w = validWeight(input.zones[z]!.weight);
    // y ≥ q (1 − (1 − t)/w)  ⇔  y − (q/w) t ≥ q − q/w
    const floor = q - q / w;
    constraints[`r${z}`] = fixedT === undefined ? { min: floor } : { min: Math.max(0, floor + (q / w) * fixedT) - 1e-9 * q };
    constraints[`c${z}`] = { max: q };
  }
  input.depots.forEach((d, i) => (constraints[`s${i}`] = { max: d.stockKg[c] ?? 0 }));
  arcs.forEach((a, i) => {
    // `y<zone>` is not a constraint: it names the zone's delivery as an objective.
    const v: Record<string, number> = { [`r${a.zone}`]: 1, [`s${a.depot}`]: 1, [`y${a.zone}`]: 1 };
    if (!frozen.has(a.zone)) v[`c${a.zone}`] = 1;
    variables[`x${i}`] = v;
  });
  const model: LpModel = { optimize: 't', opType: 'max', constraints, variables };
  if (fixedT === undefined) {
    const t: Record<string, number> = { t: 1, tcap: 1 };
    for (const z of active) t[`r${z}`] = -input.zones[z]!.demandKg[c]! / validWeight(input.zones[z]!.weight);
    variables.t = t;
    constraints.tcap = { max: 1 };
    model.unrestricted = { t: 1 };
  }
  return model;
}

function costOf(input: AllocationInput, c: string, arcs: Arc[], delivered: Map<number, number>): number {
  const constraints: LpModel['constraints'] = {};
  const variables: LpModel['variables'] = {};
  for (const [z, kg] of delivered) constraints[`r${z}`] = { min: kg * (1 - 1e-9), max: kg };
  input.depots.forEach((d, i) => (constraints[`s${i}`] = { max: d.stockKg[c] ?? 0 }));
  arcs.forEach((a, i) => (variables[`x${i}`] = { cost: a.distanceM / 1e6, [`r${a.zone}`]: 1, [`s${a.depot}`]: 1 }));
  const r = solveLp({ optimize: 'cost', opType: 'min', constraints, variables });
  return r.objective;
}
