import type { LngLat } from '../contract';

// The planner's own input: plain data, already resolved from the store by the plan service.

export interface PlanCommodity {
  id: string;
  name: string;
  nameEn: string;
  coldChain: boolean;
}

export interface PlanZone {
  id: string;
  name: string;
  nameEn: string;
  /** Where the van stops: the zone's (first) handoff point. */
  handoffPointId: string | null;
  location: LngLat;
  /** Total need for the planning horizon, per commodity. */
  demandKg: Record<string, number>;
  /** Daily need per commodity, for days of cover. */
  dailyNeedKg: Record<string, number>;
  /** Stock already in the zone (from earlier deliveries), per commodity. */
  onHandKg: Record<string, number>;
  /** Allocation priority (≥ 1): tier and special needs. */
  weight: number;
  serviceS: number;
  /** Optional delivery window, seconds since local midnight: a handoff starts inside it (e.g. not during mass testing). */
  windowS?: { startS: number; endS: number };
}

export interface PlanDepot {
  id: string;
  name: string;
  nameEn: string;
  location: LngLat;
  stockKg: Record<string, number>;
  /** Optional opening hours, seconds since local midnight: every trip loads (departs) inside them. */
  opensS?: number;
  closesS?: number;
}

export interface PlanVehicle {
  id: string;
  name: string;
  homeDepotId: string;
  capacityKg: number;
  coldChainKg: number;
  shiftStartS: number;
  shiftEndS: number;
  driverId: string | null;
  /** False when the driver's health check lapses before the shift ends (decided by the caller's clock). */
  driverCleared: boolean;
}

export interface PlanOptions {
  seed: number;
  /** Nearest depots a zone may draw from. */
  nearestDepots: number;
  /**
   * Optional cap on trips per van. Unset (the default): as many as its shift allows, each trip
   * after the first starting with `reloadS` at the depot.
   */
  maxTripsPerVehicle?: number;
  reloadS: number;
  detourFactor: number;
  speedKmh: number;
  /** Routing search budget. */
  maxIterations: number;
  deadlineMs?: number;
  now?: () => number;
  onProgress?: (fraction: number) => void;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = {
  seed: 1,
  nearestDepots: 4,
  reloadS: 1800,
  detourFactor: 1.3,
  speedKmh: 25,
  maxIterations: 20_000,
};

export interface PlanInput {
  commodities: PlanCommodity[];
  zones: PlanZone[];
  depots: PlanDepot[];
  vehicles: PlanVehicle[];
  /**
   * Optional: the time the plan is made, seconds since local midnight of the plan day (a replan).
   * New trips leave at or after it, so no stop is scheduled before it.
   */
  nowS?: number;
}
