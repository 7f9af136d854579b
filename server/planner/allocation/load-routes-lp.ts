import { solveLp, type LpModel } from './lp-solve';
import type { LoadRoutesInput } from './load-routes';
import { validWeight } from './parts';

/**
 * max t of goods onto routes as one plain LP over every (trip, stop zone, commodity), solved by
 * javascript-lp-solver: the reference `loadRoutes` is tested against. Dense tableau, so small
 * instances only. A pair counts as served when some visiting trip can carry it (as in loadRoutes).
 */
export function loadRoutesMaxMinByLp(input: LoadRoutesInput): number {
  const constraints: LpModel['constraints'] = {};
  const variables: LpModel['variables'] = {};
  const pairs = new Map<string, { q: number; w: number }>();
  input.trips.forEach((trip, r) => {
    const depot = input.depots.find((d) => d.id === trip.depotId);
    if (!depot) return;
    constraints[`k${r}`] = { max: trip.capacityKg };
    constraints[`c${r}`] = { max: trip.coldChainKg };
    new Set(trip.stopZoneIds).forEach((zoneId) => {
      const zone = input.zones.find((z) => z.id === zoneId);
      if (!zone) return;
      for (const c of input.commodities) {
        const q = zone.demandKg[c.id] ?? 0;
        const usable = trip.capacityKg > 0 && (!c.coldChain || trip.coldChainKg > 0) && (depot.stockKg[c.id] ?? 0) > 0;
        if (!usable || !(q > 0)) continue;
        const pair = `${zoneId}|${c.id}`;
        pairs.set(pair, { q, w: validWeight(zone.weight) });
        const stock = `s${depot.id}|${c.id}`;
        constraints[stock] = { max: depot.stockKg[c.id]! };
        const v: Record<string, number> = { [`k${r}`]: 1, [`q${pair}`]: 1, [`r${pair}`]: 1, [stock]: 1 };
        if (c.coldChain) v[`c${r}`] = 1;
        variables[`x${r}|${pair}`] = v;
      }
    });
  });
  if (pairs.size === 0) return 1;
  // t = lowest + u, u ≥ 0: javascript-lp-solver 1.0.3 mishandles a negative free variable.
  const lowest = Math.min(...[...pairs.values()].map((p) => 1 - p.w));
  const u: Record<string, number> = { u: 1, ucap: 1 };
  for (const [pair, { q, w }] of pairs) {
    constraints[`q${pair}`] = { max: q };
    constraints[`r${pair}`] = { min: q - q / w + (q / w) * lowest };
    u[`r${pair}`] = -q / w;
  }
  constraints.ucap = { max: 1 - lowest };
  variables.u = u;
  const r = solveLp({ optimize: 'u', opType: 'max', constraints, variables }, 1e-11);
  if (!r.feasible) throw new Error('loadRoutes LP: infeasible');
  return lowest + r.value('u');
}
