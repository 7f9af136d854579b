/**
 * Public model of the fair allocation: which depot sends how much of each commodity to which zone.
 *
 * Fairness, precisely. Zone z has weight w_z > 0, normally ≥ 1 (tier and special needs). For a common level t,
 * every zone-commodity must receive at least
 *     requiredKg(t) = demandKg × clamp(1 − (1 − t) / w_z, 0, 1)
 * i.e. a zone's shortage is at most (1 − t) / w_z: weight 2 halves the shortage. A weight-1 zone's
 * fill rate is exactly t, so t is "the minimum fill rate, weighted". No zone ever gets more than
 * its demand. This is linear in t (no breakpoints at "full"), so max t is one LP.
 *
 * The allocation is the leximin of the levels ℓ = 1 − w(1 − fill): first the minimum level is
 * maximised (the first objective, t*), then the next lowest, and so on, per commodity and
 * connected part (parts are independent, so this is also the global leximin). Stopping at t*
 * and then minimising tonne-km would withhold goods: the cheapest way to give every zone its
 * minimum is to deliver nothing more, leaving stock idle while zones are short. The leximin
 * delivers every kg that can reach a zone that is short, and it is unique.
 * Then tonne-km is minimised among flows that deliver exactly the leximin quantities.
 */

/** [lng, lat], WGS-84. */
export type LngLat = readonly [number, number];

export interface AllocationCommodity {
  id: string;
}

export interface AllocationDepot {
  id: string;
  location: LngLat;
  /** Stock per commodity id; a missing commodity means none. */
  stockKg: Readonly<Record<string, number>>;
}

export interface AllocationZone {
  id: string;
  location: LngLat;
  /** > 0, normally ≥ 1; larger is served first (see file comment). Invalid values count as 1. */
  weight: number;
  /** Demand per commodity id; a missing commodity means none. */
  demandKg: Readonly<Record<string, number>>;
}

export interface AllocationInput {
  commodities: readonly AllocationCommodity[];
  depots: readonly AllocationDepot[];
  zones: readonly AllocationZone[];
  /** Road or straight-line distance in metres, by index into `depots` and `zones`. */
  distanceM: (depotIndex: number, zoneIndex: number) => number;
}

export interface AllocationOptions {
  /** Each zone draws a commodity only from its k nearest depots that hold it (default 3). */
  nearestDepots?: number;
  /** Depots farther than this are never used (default unlimited). */
  maxDistanceM?: number;
}

export interface AllocationFlow {
  depotId: string;
  zoneId: string;
  commodityId: string;
  kg: number;
  distanceM: number;
}

export interface ZoneFill {
  zoneId: string;
  commodityId: string;
  demandKg: number;
  deliveredKg: number;
  /** deliveredKg / demandKg. */
  fillRate: number;
  /** 1 − weight × (1 − fillRate): the quantity the leximin maximises. */
  level: number;
}

/**
 * Why zones are short, for the explain step. `depot-stock`: the listed depots' stock of the
 * commodity is exhausted by exactly the listed zones (the saturated side of the min cut at that
 * level; the LP dual of each listed stock is positive). Those zones sit at `level`, except any left
 * at zero because their low weight ranks them after the others (their level 1 − weight is higher).
 * One more kg spread over these depots raises the group's level by `levelGainPerKg` (the dual
 * value); one kg at a single listed depot raises what the group receives. `no-reachable-stock`:
 * no depot within reach holds the commodity.
 */
export type AllocationLimit =
  | {
      kind: 'depot-stock';
      commodityId: string;
      level: number;
      depotIds: string[];
      zoneIds: string[];
      levelGainPerKg: number;
    }
  | { kind: 'no-reachable-stock'; commodityId: string; zoneIds: string[] };

export interface AllocationPart {
  commodityId: string;
  depotIds: string[];
  zoneIds: string[];
  /** Smallest level in the part (its max-min value t*). */
  minLevel: number;
  minFillRate: number;
  deliveredKg: number;
  demandKg: number;
  tonneKm: number;
}

export interface AllocationResult {
  flows: AllocationFlow[];
  fills: ZoneFill[];
  parts: AllocationPart[];
  limits: AllocationLimit[];
  /** Over every zone-commodity with demand: t* of the whole problem. */
  minLevel: number;
  minFillRate: number;
  deliveredKg: number;
  demandKg: number;
  tonneKm: number;
}
