// Plans: part of the contract (re-exported by index.ts, which the web imports).
import type { HandoffMode, LngLat, Tier } from './base';

// ---- Plans --------------------------------------------------------------------------------------

export type PlanStatus = 'queued' | 'running' | 'draft' | 'published' | 'superseded' | 'failed';

export type ShortfallCode =
  // Found from the allocation model (its min cut and duals) and the routing, per zone × commodity:
  | 'stock_short' // the named depots' stock binds: all of it is shared out at this level
  | 'van_capacity' // the named depots' vans bind: they cannot haul more of this (ambient) commodity
  | 'cold_van_capacity' // cold commodities only: the named depots' cold-chain vans bind
  | 'shift_time' // routing: no van can carry it there and back within its shift
  | 'depot_hours' // routing: the trip that would carry it loads after the depot closes
  | 'no_cleared_driver' // stock sits at the named depots whose vans stand idle (driver not cleared)
  | 'unreachable' // no depot within the zone's reach holds the commodity
  // Legacy codes: plans made before the reasons came from the model store these; still readable.
  | 'no_stock'
  | 'no_van_capacity'
  | 'shift_too_short'
  | 'driver_not_cleared';

export interface Shortfall {
  code: ShortfallCode;
  commodityId: string | null;
  depotIds: string[];
  vehicleIds: string[];
  /** Human-readable, Chinese and English. */
  zh: string;
  en: string;
}

export interface PlannedStop {
  zoneId: string;
  handoffPointId: string | null;
  location: LngLat;
  /** Seconds since local midnight of the plan's day. */
  arrivalS: number;
  departureS: number;
  quantitiesKg: Record<string, number>;
  /** Replans only: the stop was already handed off when the plan was made (kept as it was). */
  done?: boolean;
  /**
   * Replans only, on a done stop: what the driver's recorded delivery handed over. That delivery
   * already took it off the depot's stock, so a later replan does not take it off again.
   */
  deliveredKg?: Record<string, number>;
}

export interface PlannedTrip {
  depotId: string;
  departS: number;
  returnS: number;
  distanceM: number;
  loadKg: number;
  coldChainLoadKg: number;
  stops: PlannedStop[];
  /** Replans only: the van was already loaded for this trip, so it is kept as it was. */
  kept?: boolean;
}

export interface PlannedRoute {
  vehicleId: string;
  driverId: string | null;
  distanceM: number;
  trips: PlannedTrip[];
}

export interface ZoneOutcome {
  zoneId: string;
  demandKg: Record<string, number>;
  deliveredKg: Record<string, number>;
  /** delivered ÷ demand per commodity, 1 when there is no demand. */
  fillRate: Record<string, number>;
  /** Days of cover after delivery, per commodity (null when the zone needs none of it). */
  daysOfCover: Record<string, number | null>;
  shortfalls: Shortfall[];
}

export interface PlanKpis {
  minFillRate: number;
  /** Best fill rate the allocation proved possible from stock alone. */
  allocationFillRate: number;
  deliveredKg: number;
  demandKg: number;
  distanceKm: number;
  vehiclesUsed: number;
  /** Mean of load ÷ capacity over the trips driven. */
  vanUtilisation: number;
  zonesShort: number;
  minDaysOfCover: number | null;
  runtimeMs: number;
}

export interface ExcludedVehicle {
  vehicleId: string;
  /** broken_down: reported broken in a replan's situation. */
  reason: 'no_driver' | 'driver_not_cleared' | 'broken_down';
  zh: string;
  en: string;
}

/**
 * Which stocks limit supply: the saturated side of the allocation's min cut, where the depot's own
 * stock (not its vans) binds. Plans made before the what-if lack the optional fields.
 */
export interface SupplyLimit {
  depotId: string;
  commodityId: string;
  zh: string;
  en: string;
  /** The level (weighted minimum fill) of the zones this stock holds down. */
  level?: number;
  /** Zones held at that level by this depot's (and its group's) stock. */
  zoneIds?: string[];
  /**
   * What-if from the dual: how much the level of those zones rises per extra kg of this commodity at
   * this depot (0 when a bottleneck elsewhere in the group keeps them down).
   */
  levelGainPerKg?: number;
}

/** One van at a depot whose vans bind, with what one more van like it would add. */
export interface FleetVan {
  vehicleId: string;
  /** Level rise if one more van of this size drove a shift like this one (first order, from the dual). */
  levelGainPerVan: number;
}

/** Where the vans (not the stock) bind a short commodity: the fleet side of the what-if. */
export interface FleetLimit {
  depotId: string;
  commodityId: string;
  /** van: ambient capacity binds; cold_van: cold-chain capacity binds (cold commodities only). */
  kind: 'van' | 'cold_van';
  level: number;
  zoneIds: string[];
  /** Level rise per extra kg the depot's vans could haul (of their mix, of which this commodity is a share). */
  levelGainPerKg: number;
  /** Level rise per extra van-hour of shift at this depot (at the kg per van-hour its vans haul now). */
  levelGainPerVanHour: number;
  vans: FleetVan[];
  zh: string;
  en: string;
}

export interface PlanResult {
  routes: PlannedRoute[];
  zones: ZoneOutcome[];
  kpis: PlanKpis;
  excludedVehicles: ExcludedVehicle[];
  supplyLimits: SupplyLimit[];
  /** The fleet side of the what-if; absent in plans made before it. */
  fleetLimits?: FleetLimit[];
}

export interface PlanSummary {
  id: string;
  /** Set on publish: 1, 2, … per scope (one district, or city-wide when districtId is null). */
  version: number | null;
  status: PlanStatus;
  /** The plan day, YYYY-MM-DD. */
  date: string;
  /** The district planned, or null for a city-wide plan. */
  districtId: string | null;
  createdAt: string;
  createdBy: string;
  publishedAt: string | null;
  /** Plan this one replans from, if any. */
  basePlanId: string | null;
  progress: number;
  error: string | null;
  kpis: PlanKpis | null;
}

export interface Plan extends PlanSummary {
  result: PlanResult | null;
  /** For a replan: what changed against the base plan. */
  changes: PlanChanges | null;
}

/** Stops are named by zone id; a zone visited twice by one van appears twice. */
export interface VehicleChange {
  vehicleId: string;
  added: string[];
  removed: string[];
  /** The stops both plans share are visited in another order. */
  reordered: boolean;
}

export interface ZoneChange {
  zoneId: string;
  deliveredBeforeKg: number;
  deliveredAfterKg: number;
  /** Lowest fill rate over the zone's commodities; null when the plan does not cover the zone. */
  fillRateBefore: number | null;
  fillRateAfter: number | null;
}

/** What changed from one plan to another: only vehicles and zones that differ are listed. */
export interface PlanChanges {
  vehicles: VehicleChange[];
  zones: ZoneChange[];
}

export interface KpiDelta {
  before: number | null;
  after: number | null;
  /** after − before; null when either is null. */
  delta: number | null;
}

/** GET /api/plans/:a/compare/:b: `before` is a, `after` is b. */
export interface PlanComparison extends PlanChanges {
  before: PlanSummary;
  after: PlanSummary;
  kpis: Record<Exclude<keyof PlanKpis, 'runtimeMs'>, KpiDelta>;
}

/** What a replan knows that the base plan did not. Stops are named by their place in the base plan. */
export interface PlanSituation {
  /** Stops already handed off: their goods are in the zone and leave the remaining demand. */
  completedStops: { vehicleId: string; tripIndex: number; stopIndex: number }[];
  /** Vans on the road: their current trip is kept as it is (its goods are no longer at the depot). */
  loadedVehicles: string[];
  /** Vans out of service: never routed. */
  brokenVehicles: string[];
  /**
   * When the replan is made, seconds since local midnight of the plan day (like `arrivalS`): new
   * trips leave at or after it. Optional: the server clock, when it falls on the plan day.
   */
  nowS?: number;
}

export interface PlanRunInput {
  date: string;
  /** Restrict to one district's zones (coordinators may plan the whole city). */
  districtId?: string;
  /** Seconds of search; the plan stops improving routes then. */
  timeLimitS?: number;
  seed?: number;
  /** Days until the next resupply: demand = daily need × days. */
  days?: number;
  /** Replan from this plan: keeps its done stops and loaded vans (see situation). */
  basePlanId?: string;
  situation?: PlanSituation;
}

export interface PlanListQuery {
  districtId?: string;
  status?: PlanStatus;
  date?: string;
}

/** A zone's names, for a driver who cannot read ids. */
export interface RouteZoneName {
  name: string;
  nameEn: string;
  /** The zone's tier, its names from the tier configuration, and how goods are handed over there. */
  tier?: Tier;
  tierName?: string;
  tierNameEn?: string;
  handoffMode?: HandoffMode;
}

/** A handoff point as the driver reads it. The store keeps no postal address: `area` is composed from the zone's
 * district and street names (e.g. 荔湾区 白鹤洞街), which is what a driver asks a gatekeeper for. */
export interface RouteHandoffPlace {
  name: string;
  zoneName: string;
  zoneNameEn: string;
  area: string;
  areaEn: string;
}

/** A driver's published route: the van's route in the newest published plan that covers it. */
export interface VehicleRoute extends PlannedRoute {
  planId: string;
  planVersion: number;
  date: string;
  publishedAt: string;
  /** Names of the route's zones (zone id → names); a zone deleted since the plan is left out. */
  zoneNames: Record<string, RouteZoneName>;
  /** The route's handoff points (id → name and area); a point deleted since the plan is left out. */
  handoffPlaces: Record<string, RouteHandoffPlace>;
}

/** In-process plan event, for the live layer to push as plan:progress / plan:published. */
export interface PlanEvent {
  planId: string;
  districtId: string | null;
  status: PlanStatus;
  progress: number;
  version: number | null;
}
