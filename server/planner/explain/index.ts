import type { FleetLimit, LngLat, Shortfall, SupplyLimit } from '../../contract';
import type { AllocationInput, AllocationResult } from '../allocation';
import type { PlanDepot, PlanInput, PlanVehicle } from '../plan-input';
import type { DepotRouting } from '../plan/route-depot';
import type { Names } from '../reasons';
import { ModelFacts } from './binding';
import { ModelIndex } from './model-index';
import { whatIf } from './what-if';
import { zoneReasons } from './zone-reasons';

export interface Explanation {
  /** Reasons for one zone short of one commodity. */
  reasonsFor: (zoneId: string, commodityId: string) => Shortfall[];
  supplyLimits: SupplyLimit[];
  fleetLimits: FleetLimit[];
}

/**
 * Reasons and what-if from the plan's last allocation round: `allocationDepots` are the depots as
 * that allocation saw them (stock capped to what their cleared vans haul), `cleared` the vans routed.
 */
export function explain(args: {
  input: PlanInput;
  allocationDepots: readonly PlanDepot[];
  allocation: AllocationResult;
  routings: readonly DepotRouting[];
  /** Routings of earlier rounds: what they left behind is why a depot's haul was cut to what they carried. */
  earlierRoutings?: readonly DepotRouting[];
  cleared: readonly PlanVehicle[];
  distanceM: (a: LngLat, b: LngLat) => number;
  nearestDepots: number;
  names: Names;
}): Explanation {
  const { input, allocationDepots, allocation, routings, names } = args;
  const facts = new ModelFacts(input, allocationDepots, args.cleared, args.distanceM, args.nearestDepots);
  const allocationInput: AllocationInput = {
    commodities: input.commodities,
    depots: allocationDepots,
    zones: input.zones,
    distanceM: (d, z) => args.distanceM(allocationDepots[d]!.location, input.zones[z]!.location),
  };
  const index = new ModelIndex(allocation, routings, args.earlierRoutings ?? []);
  const { supplyLimits, fleetLimits } = whatIf(allocationInput, allocation.limits, args.nearestDepots, facts, names);
  return {
    reasonsFor: (zoneId, c) => zoneReasons(zoneId, c, index, facts, names),
    supplyLimits,
    fleetLimits,
  };
}
