import type { Shortfall, ShortfallCode } from '../../contract';
import type { AllocationResult } from '../allocation';
import { parseJobId, type DepotRouting } from '../plan/route-depot';
import type { UnassignedReason } from '../routing';
import { shortfall, type Names } from '../reasons';
import type { ModelFacts } from './binding';

const FULL = 1 - 1e-6;

interface Cause {
  code: ShortfallCode;
  depots: Set<string>;
  vans: Set<string>;
}

/**
 * Why one zone is short of one commodity, from the model: the allocation's min cut names the depots
 * whose supply binds (and whether stock or vans bind there), depots the zone would draw from that
 * no cleared van serves, and routing's unassigned pieces (shift, depot hours, capacity).
 */
export function zoneReasons(
  zoneId: string,
  c: string,
  allocation: AllocationResult,
  routings: readonly DepotRouting[],
  facts: ModelFacts,
  names: Names,
): Shortfall[] {
  const causes = new Map<ShortfallCode, Cause>();
  const add = (code: ShortfallCode, depots: Iterable<string>, vans: Iterable<string> = []) => {
    const cause = causes.get(code) ?? { code, depots: new Set(), vans: new Set() };
    for (const d of depots) cause.depots.add(d);
    for (const v of vans) cause.vans.add(v);
    causes.set(code, cause);
  };
  const vanCode = (): ShortfallCode => (facts.cold.has(c) ? 'cold_van_capacity' : 'van_capacity');
  const vansFor = (depotId: string) => facts.vansAt(depotId).filter((v) => !facts.cold.has(c) || v.coldChainKg > 0).map((v) => v.id);

  const fill = allocation.fills.find((f) => f.zoneId === zoneId && f.commodityId === c);
  if (fill && fill.fillRate < FULL) {
    // The zone's own reach: real holders the allocation could not use bind through their vans.
    const holders = facts.nearestHolders(zoneId, c);
    for (const d of holders) {
      if (facts.modelStock(d, c) > 0) continue;
      if (facts.vansAt(d).length === 0) {
        if (facts.idleVansAt(d).length > 0) add('no_cleared_driver', [d], facts.idleVansAt(d));
        else add(vanCode(), [d]);
      } else add(vanCode(), [d], vansFor(d));
    }
    for (const limit of allocation.limits) {
      if (limit.commodityId !== c || !limit.zoneIds.includes(zoneId) || limit.kind !== 'depot-stock') continue;
      for (const d of limit.depotIds) {
        const binding = facts.binding(d, c);
        if (binding === 'stock') add('stock_short', [d]);
        else {
          add(binding === 'cold_van' ? 'cold_van_capacity' : 'van_capacity', [d], vansFor(d));
          if (facts.idleVansAt(d).length > 0) add('no_cleared_driver', [d], facts.idleVansAt(d));
        }
      }
    }
    if (holders.length === 0) add('unreachable', []);
  }

  // What the allocation gave but the routes could not carry.
  for (const { depot, solution } of routings) {
    for (const u of solution.unassigned) {
      const job = parseJobId(u.parentJobId);
      if (job.zoneId !== zoneId || (job.goods === 'cold') !== facts.cold.has(c)) continue;
      const code = routingCode(u.reason, facts.cold.has(c), facts.idleVansAt(depot.id).length > 0);
      add(code, [depot.id], code === 'no_cleared_driver' ? facts.idleVansAt(depot.id) : code.endsWith('capacity') ? vansFor(depot.id) : []);
    }
  }
  if (causes.size === 0) {
    // The routes carried every piece and the allocation proved more: goods were lost only in
    // loading whole pieces onto trips, i.e. to the vans' room at the depots that serve the zone.
    const serving = allocation.flows.filter((f) => f.zoneId === zoneId && f.commodityId === c).map((f) => f.depotId);
    add(vanCode(), serving, serving.flatMap(vansFor));
  }
  return [...causes.values()].map((k) => shortfall(k.code, names, c, [...k.depots].sort(), [...k.vans].sort()));
}

function routingCode(reason: UnassignedReason, cold: boolean, idleVans: boolean): ShortfallCode {
  if (reason === 'shift_too_short') return 'shift_time';
  if (reason === 'depot_hours') return 'depot_hours';
  if (reason === 'no_vehicle') return idleVans ? 'no_cleared_driver' : cold ? 'cold_van_capacity' : 'van_capacity';
  return cold ? 'cold_van_capacity' : 'van_capacity';
}
