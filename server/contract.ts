// The one typed contract between server, web and devices. Web code imports this file only.
// Units: mass in kg, distance in metres, duration in seconds, instants as ISO-8601 UTC strings,
// times of day as 'HH:MM' local time. Coordinates are always [lng, lat] (GeoJSON order, WGS-84).

export type LngLat = [lng: number, lat: number];

export * from './contract-requests';
import type { AlertApiRoutes, PassApiRoutes, RequestApiRoutes } from './contract-requests';

export type Role = 'coordinator' | 'district_official' | 'driver';
export const ROLES: readonly Role[] = ['coordinator', 'district_official', 'driver'];

/** Default tiers; a deployment may configure others (names differ by city and year). */
export type Tier = string;
export const DEFAULT_TIERS = ['sealed', 'controlled', 'precaution'] as const;

export type ZoneStatus = 'active' | 'lifted';
export type HandoffMode = 'door' | 'building_gate' | 'compound_gate';
export type StaffRole = 'driver' | 'handoff_worker';

// ---- Errors -------------------------------------------------------------------------------

export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'INTERNAL';

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending input field, when one field is to blame. */
  field?: string;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

// ---- GeoJSON (the subset we store) -----------------------------------------------------------

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: LngLat[][];
}

export interface ZoneFeature {
  type: 'Feature';
  geometry: PolygonGeometry;
  properties: Partial<ZoneInput> & { name: string };
}

export interface ZoneFeatureCollection {
  type: 'FeatureCollection';
  features: ZoneFeature[];
}

// ---- Entities (DTOs as the API returns them) --------------------------------------------------

export interface District {
  id: string;
  name: string;
  nameEn: string;
  city: string;
  /** [minLng, minLat, maxLng, maxLat]: used to catch coordinates given as [lat, lng]. */
  bbox: [number, number, number, number];
}

export interface Street {
  id: string;
  districtId: string;
  name: string;
  nameEn: string;
  statsCode: string | null;
}

export interface SpecialNeeds {
  elderlyAlone: number;
  infants: number;
  chronicPatients: number;
}

export interface Zone {
  id: string;
  districtId: string;
  streetId: string | null;
  name: string;
  nameEn: string;
  tier: Tier;
  status: ZoneStatus;
  population: number;
  /** True when the population is an estimate rather than an official figure. */
  populationEstimated: boolean;
  households: number;
  specialNeeds: SpecialNeeds;
  polygon: PolygonGeometry;
  sealedAt: string | null;
  liftedAt: string | null;
  updatedAt: string;
}

export interface HandoffPoint {
  id: string;
  zoneId: string;
  name: string;
  location: LngLat;
}

export interface Commodity {
  id: string;
  name: string;
  nameEn: string;
  unit: 'kg';
  dailyRationKgPerPerson: number;
  coldChain: boolean;
}

export interface Depot {
  id: string;
  districtId: string | null;
  name: string;
  nameEn: string;
  location: LngLat;
  opensAt: string;
  closesAt: string;
  /** commodityId → kg on hand. */
  stockKg: Record<string, number>;
}

export interface Vehicle {
  id: string;
  name: string;
  kind: 'van' | 'bus';
  homeDepotId: string;
  districtId: string | null;
  capacityKg: number;
  coldChainKg: number;
  shiftStart: string;
  shiftEnd: string;
  driverId: string | null;
}

export interface Staff {
  id: string;
  name: string;
  role: StaffRole;
  passNumber: string;
  healthCheckValidUntil: string;
  vehicleId: string | null;
  districtId: string | null;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  districtId: string | null;
  vehicleId: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  userId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  detail: unknown;
}

// ---- Inputs (validated by zod schemas in server/http/schemas.ts) -----------------------------

export interface ZoneInput {
  id?: string;
  districtId: string;
  streetId?: string | null;
  name: string;
  nameEn?: string;
  tier: Tier;
  status?: ZoneStatus;
  population: number;
  populationEstimated?: boolean;
  households: number;
  specialNeeds?: Partial<SpecialNeeds>;
  polygon: PolygonGeometry;
  sealedAt?: string | null;
  liftedAt?: string | null;
}

export interface DepotInput {
  id?: string;
  districtId?: string | null;
  name: string;
  nameEn?: string;
  location: LngLat;
  opensAt: string;
  closesAt: string;
  stockKg?: Record<string, number>;
}

export interface StockRow {
  depotId: string;
  commodityId: string;
  kg: number;
}

export interface VehicleInput {
  id?: string;
  name: string;
  kind: 'van' | 'bus';
  homeDepotId: string;
  districtId?: string | null;
  capacityKg: number;
  coldChainKg: number;
  shiftStart: string;
  shiftEnd: string;
  driverId?: string | null;
}

export interface StaffInput {
  id?: string;
  name: string;
  role: StaffRole;
  passNumber: string;
  healthCheckValidUntil: string;
  vehicleId?: string | null;
  districtId?: string | null;
}

export interface LoginInput {
  username: string;
  password: string;
}

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: User;
}

export interface ImportResult {
  created: number;
  updated: number;
}

export interface Health {
  status: 'ok';
  version: string;
  database: 'sqlite' | 'postgres';
  uptimeS: number;
}

// ---- HTTP routes: one map from "METHOD path" to its body, query and reply types -------------
// A rename here breaks both the server routers and the web client at compile time.

export interface ListQuery {
  districtId?: string;
}

export interface ApiRoutes extends RequestApiRoutes, AlertApiRoutes, PassApiRoutes {
  'GET /api/health': { body: never; reply: Health };
  'POST /api/sessions': { body: LoginInput; reply: LoginResult };
  'DELETE /api/sessions/current': { body: never; reply: { revoked: true } };
  'GET /api/me': { body: never; reply: User };
  'GET /api/districts': { body: never; reply: District[] };
  'GET /api/streets': { body: never; query: ListQuery; reply: Street[] };
  'GET /api/commodities': { body: never; reply: Commodity[] };
  'PUT /api/commodities/:id': { body: Partial<Commodity> & { dailyRationKgPerPerson: number }; reply: Commodity };
  'GET /api/zones': { body: never; query: ListQuery; reply: Zone[] };
  'GET /api/zones/:id': { body: never; reply: Zone };
  'POST /api/zones': { body: ZoneInput; reply: Zone };
  'PUT /api/zones/:id': { body: ZoneInput; reply: Zone };
  'DELETE /api/zones/:id': { body: never; reply: { deleted: true } };
  'POST /api/zones/import': { body: ZoneFeatureCollection; reply: ImportResult };
  'GET /api/handoff-points': { body: never; query: { zoneId?: string }; reply: HandoffPoint[] };
  'GET /api/depots': { body: never; query: ListQuery; reply: Depot[] };
  'GET /api/depots/:id': { body: never; reply: Depot };
  'POST /api/depots': { body: DepotInput; reply: Depot };
  'PUT /api/depots/:id': { body: DepotInput; reply: Depot };
  'DELETE /api/depots/:id': { body: never; reply: { deleted: true } };
  'PUT /api/depots/:id/stock': { body: { stockKg: Record<string, number> }; reply: Depot };
  'POST /api/stock/import': { body: string; reply: ImportResult };
  'GET /api/vehicles': { body: never; query: ListQuery; reply: Vehicle[] };
  'GET /api/vehicles/:id': { body: never; reply: Vehicle };
  'POST /api/vehicles': { body: VehicleInput; reply: Vehicle };
  'PUT /api/vehicles/:id': { body: VehicleInput; reply: Vehicle };
  'DELETE /api/vehicles/:id': { body: never; reply: { deleted: true } };
  'GET /api/staff': { body: never; query: ListQuery; reply: Staff[] };
  'GET /api/staff/:id': { body: never; reply: Staff };
  'POST /api/staff': { body: StaffInput; reply: Staff };
  'PUT /api/staff/:id': { body: StaffInput; reply: Staff };
  'DELETE /api/staff/:id': { body: never; reply: { deleted: true } };
  'GET /api/audit': { body: never; query: { entity?: string; limit?: number }; reply: AuditEntry[] };
  'POST /api/plans': { body: PlanRunInput; reply: PlanSummary };
  'GET /api/plans': { body: never; query: PlanListQuery; reply: PlanSummary[] };
  'GET /api/plans/:id': { body: never; reply: Plan };
  'GET /api/plans/:a/compare/:b': { body: never; reply: PlanComparison };
  'POST /api/plans/:id/publish': { body: never; reply: PlanSummary };
  'GET /api/vehicles/:id/route': { body: never; query: { date?: string }; reply: VehicleRoute | null };
  'GET /api/vehicles/:id/track': { body: never; query: { date: string }; reply: VehicleTrack };
  'POST /api/users/:id/revoke-sessions': { body: never; reply: { revoked: number } };
}

export type RouteKey = keyof ApiRoutes;
export type ReplyOf<K extends RouteKey> = ApiRoutes[K]['reply'];
export type BodyOf<K extends RouteKey> = ApiRoutes[K]['body'];

/** Header a device uses instead of the session cookie. */
export const SESSION_COOKIE = 'bg_session';

// ---- Plans --------------------------------------------------------------------------------------

export type PlanStatus = 'queued' | 'running' | 'draft' | 'published' | 'superseded' | 'failed';

export type ShortfallCode =
  | 'no_stock' // none of the zone's nearest depots holds the commodity
  | 'stock_short' // the depots' stock is binding: all of it is shared out already
  | 'no_van_capacity' // stock was allocated but the vans cannot carry it
  | 'shift_too_short' // a van could carry it but not within its shift
  | 'driver_not_cleared'; // vans stood idle because their driver's health check lapses before the shift ends

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

/** Which stocks limit supply: the saturated side of the allocation's min cut (the LP's duals). */
export interface SupplyLimit {
  depotId: string;
  commodityId: string;
  zh: string;
  en: string;
}

export interface PlanResult {
  routes: PlannedRoute[];
  zones: ZoneOutcome[];
  kpis: PlanKpis;
  excludedVehicles: ExcludedVehicle[];
  supplyLimits: SupplyLimit[];
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

/** A driver's published route: the van's route in the newest published plan that covers it. */
export interface VehicleRoute extends PlannedRoute {
  planId: string;
  planVersion: number;
  date: string;
  publishedAt: string;
}

/** In-process plan event, for the live layer to push as plan:progress / plan:published. */
export interface PlanEvent {
  planId: string;
  districtId: string | null;
  status: PlanStatus;
  progress: number;
  version: number | null;
}

// ---- Live operations (socket.io) ---------------------------------------------------------------
// Rooms: `coordinators`, `district:<id>`, `vehicle:<id>`; a socket joins exactly the one its user may
// see, re-checked on every (re)connect. Each room has its own sequence: every pushed event carries the
// room's `v`, so a client that sees v ≠ last + 1 (or a new `epoch`) asks for a snapshot (sync:request).

/** A stop of a published plan, named by its place in the van's route (as PlanSituation does). */
export interface StopRef {
  planId: string;
  vehicleId: string;
  tripIndex: number;
  stopIndex: number;
}

export interface PositionInput {
  lng: number;
  lat: number;
  speedKmh: number;
  /** When the device took the fix (devices buffer fixes in dead spots and send them late). */
  at: string;
}

/** Every driver event carries a key the device made (a UUID): a retry with the same key is a no-op. */
export interface VehicleMoveInput {
  key: string;
  vehicleId: string;
  position: PositionInput;
}

export interface StopArriveInput extends StopRef {
  key: string;
  at: string;
}

export interface StopDeliverInput extends StopRef {
  key: string;
  at: string;
  /** commodityId → kg handed over. */
  quantitiesKg: Record<string, number>;
  handoffMode: HandoffMode;
  /** Reference of a photo uploaded separately (the device's file id), if one was taken. */
  photoRef?: string;
}

export type StopFailReason =
  | 'nobody_at_handoff' // no zone staff or volunteer at the gate
  | 'access_blocked' // checkpoint or road closed
  | 'refused' // the zone refused the goods
  | 'goods_damaged'
  | 'vehicle_problem'
  | 'other';
export const STOP_FAIL_REASONS: readonly StopFailReason[] = [
  'nobody_at_handoff', 'access_blocked', 'refused', 'goods_damaged', 'vehicle_problem', 'other',
];

export interface StopFailInput extends StopRef {
  key: string;
  at: string;
  reason: StopFailReason;
  text: string;
}

export type StopStatus = 'pending' | 'arrived' | 'delivered' | 'failed';

/** What the server stored for a driver event; a retry with the same key gets exactly this back. */
export interface StopEventResult extends StopRef {
  eventId: number;
  kind: 'arrived' | 'delivered' | 'failed';
  status: StopStatus;
  zoneId: string;
  at: string;
  recordedAt: string;
}

export interface MoveResult {
  accepted: true;
  /** False when the same fix (vehicle and instant) was already received. */
  fresh: boolean;
}

/** Acks use the HTTP reply shape; a reused key with different content answers CONFLICT. */
export type LiveAck<T> = ApiResult<T>;

export interface LivePosition extends PositionInput {
  vehicleId: string;
}

export interface LiveStop extends StopRef {
  zoneId: string;
  location: LngLat;
  status: StopStatus;
  /** Planned arrival as an instant (the plan day's local midnight + arrivalS). */
  plannedAt: string;
  /** Estimated arrival from the last position, for stops still to do; null otherwise or without a fix. */
  etaAt: string | null;
  deliveredKg: Record<string, number>;
  plannedKg: Record<string, number>;
}

export interface LiveVehicle {
  vehicleId: string;
  districtId: string | null;
  planId: string | null;
  position: LivePosition | null;
  /** Metres from the planned route (straight legs between stops); null without a fix or a route. */
  offRouteM: number | null;
  offRoute: boolean;
  /** Seconds the next stop's ETA is behind its plan (negative: ahead); null when nothing is left. */
  delayS: number | null;
  late: boolean;
  stops: LiveStop[];
}

export interface LiveZoneCover {
  zoneId: string;
  districtId: string;
  /** Local day the deliveries count for, YYYY-MM-DD. */
  date: string;
  deliveredKg: Record<string, number>;
  /** Days the delivered goods last at the zone's daily need; null where the zone needs none. */
  daysOfCover: Record<string, number | null>;
}

/** Every pushed event: the room it was sent to, the room's sequence and the server's epoch. */
export interface LiveEnvelope {
  room: string;
  v: number;
  /** Changes when the server restarts: sequences start again, so the client resyncs. */
  epoch: string;
}

export interface LiveSnapshot extends LiveEnvelope {
  vehicles: LiveVehicle[];
  zones: LiveZoneCover[];
}

export interface VehicleMovedEvent extends LiveEnvelope {
  vehicle: Omit<LiveVehicle, 'stops'>;
  /** ETAs of the stops still to do, in route order. */
  etas: { tripIndex: number; stopIndex: number; etaAt: string | null }[];
}

export interface StopUpdatedEvent extends LiveEnvelope {
  stop: LiveStop;
  event: StopEventResult;
  reason?: StopFailReason;
  text?: string;
}

export interface ZoneCoverChangedEvent extends LiveEnvelope {
  zone: LiveZoneCover;
}

export interface PlanPublishedEvent extends LiveEnvelope {
  planId: string;
  version: number | null;
  districtId: string | null;
  /** The vans of that plan this room may see: fetch their routes over HTTP. */
  vehicleIds: string[];
}

export interface SessionEndedEvent {
  reason: 'revoked' | 'expired' | 'reassigned';
}

export interface ServerToClientEvents {
  'vehicle:moved': (event: VehicleMovedEvent) => void;
  'stop:updated': (event: StopUpdatedEvent) => void;
  'zone:cover-changed': (event: ZoneCoverChangedEvent) => void;
  'plan:published': (event: PlanPublishedEvent) => void;
  /** Sent just before the server drops the socket: log in again (revoked) or reconnect (reassigned). */
  'session:ended': (event: SessionEndedEvent) => void;
}

export interface ClientToServerEvents {
  'vehicle:move': (input: VehicleMoveInput, ack: (reply: LiveAck<MoveResult>) => void) => void;
  'stop:arrive': (input: StopArriveInput, ack: (reply: LiveAck<StopEventResult>) => void) => void;
  'stop:deliver': (input: StopDeliverInput, ack: (reply: LiveAck<StopEventResult>) => void) => void;
  'stop:fail': (input: StopFailInput, ack: (reply: LiveAck<StopEventResult>) => void) => void;
  'sync:request': (ack: (reply: LiveAck<LiveSnapshot>) => void) => void;
}

/** What a socket handshake sends: the bearer token (devices) unless the session cookie rides along. */
export interface LiveHandshakeAuth {
  token?: string;
}

export interface TrackPoint {
  lng: number;
  lat: number;
  speedKmh: number;
  at: string;
}

export interface VehicleTrack {
  vehicleId: string;
  date: string;
  points: TrackPoint[];
}
