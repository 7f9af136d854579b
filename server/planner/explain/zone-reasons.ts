import type { Shortfall, ShortfallCode } from '../../contract';
import type { UnassignedReason } from '../routing';
import { shortfall, type Names } from '../reasons';
import type { ModelFacts } from './binding';
import type { ModelIndex } from './model-index';

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
export function zoneReasons(zoneId: string, c: string, index: ModelIndex, facts: ModelFacts, names: Names): Shortfall[] {
  const cold = facts.cold.has(c);
  const goods = cold ? 'cold' : 'ambient';
  const causes = new Map<ShortfallCode, Cause>();
  const add = (code: ShortfallCode, depots: Iterable<string>, vans: Iterable<string> = []) => {
    const cause = causes.get(code) ?? { code, depots: new Set(), vans: new Set() };
    for (const d of depots) cause.depots.add(d);
    for (const v of vans) cause.vans.add(v);
    causes.set(code, cause);
  };
  const vanCode: ShortfallCode = cold ? 'cold_van_capacity' : 'van_capacity';
  const vansFor = (depotId: string) => facts.vansAt(depotId).filter((v) => !cold || v.coldChainKg > 0).map((v) => v.id);
  const addRouting = (depotId: string, reason: UnassignedReason) => {
    const code = routingCode(reason, cold, facts.idleVansAt(depotId).length > 0);
    add(code, [depotId], code === 'no_cleared_driver' ? facts.idleVansAt(depotId) : code.endsWith('capacity') ? vansFor(depotId) : []);
  };
  // Vans bind at a depot: in round one because of their size and shift, later because routing
  // carried less than estimated, for the reasons it gave for what it left (this zone's, else the depot's).
  const vanBound = (depotId: string, code: ShortfallCode) => {
    const left = index.earlierReasons(depotId, zoneId, goods);
    if (left.size === 0) add(code, [depotId], vansFor(depotId));
    for (const reason of left) addRouting(depotId, reason);
  };

  const fill = index.fill(zoneId, c);
  if (fill && fill.fillRate < FULL) {
    // The zone's own reach: real holders the allocation could not use bind through their vans.
    const holders = facts.nearestHolders(zoneId, c);
    for (const d of holders) {
      if (facts.modelStock(d, c) > 0) continue;
      if (facts.vansAt(d).length === 0) {
        if (facts.idleVansAt(d).length > 0) add('no_cleared_driver', [d], facts.idleVansAt(d));
        else add(vanCode, [d]);
      } else vanBound(d, vanCode);
    }
    for (const limit of index.stockLimits(zoneId, c)) {
      for (const d of limit.depotIds) {
        const binding = facts.binding(d, c);
        if (binding === 'stock') add('stock_short', [d]);
        else {
          vanBound(d, binding === 'cold_van' ? 'cold_van_capacity' : 'van_capacity');
          if (facts.idleVansAt(d).length > 0) add('no_cleared_driver', [d], facts.idleVansAt(d));
        }
      }
    }
    if (holders.length === 0) add('unreachable', []);
  }

  // What the allocation gave but the routes could not carry.
  for (const [depotId, reasons] of index.lastRound(zoneId, goods)) for (const reason of reasons) addRouting(depotId, reason);
  if (causes.size === 0) {
    // The routes carried every piece and the allocation proved more: goods were lost only in
    // loading whole pieces onto trips, i.e. to the vans' room at the depots that serve the zone.
    const serving = index.servingDepots(zoneId, c);
    add(vanCode, serving, serving.flatMap(vansFor));
  }
  return [...causes.values()].map((k) => shortfall(k.code, names, c, [...k.depots].sort(), [...k.vans].sort()));
}

function routingCode(reason: UnassignedReason, cold: boolean, idleVans: boolean): ShortfallCode {
  if (reason === 'shift_too_short') return 'shift_time';
  if (reason === 'depot_hours') return 'depot_hours';
  if (reason === 'no_vehicle') return idleVans ? 'no_cleared_driver' : cold ? 'cold_van_capacity' : 'van_capacity';
  return cold ? 'cold_van_capacity' : 'van_capacity';
}
