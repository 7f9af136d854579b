// The one typed contract between server, web and devices. Web code imports this file only.
// Units: mass in kg, distance in metres, duration in seconds, instants as ISO-8601 UTC strings,
// times of day as 'HH:MM' local time. Coordinates are always [lng, lat] (GeoJSON order, WGS-84).

export type LngLat = [lng: number, lat: number];

export * from './requests';
export * from './plans';
export * from './live';
export * from './playbook';
export * from './supply';
export * from './suppliers';
import type { AlertApiRoutes, PassApiRoutes, RequestApiRoutes } from './requests';
import type { Plan, PlanComparison, PlanListQuery, PlanRunInput, PlanSummary, VehicleRoute } from './plans';
import type { VanBoard, VehicleTrack } from './live';
import type { PlaybookApiRoutes } from './playbook';
import type { SupplyApiRoutes } from './supply';
import type { SupplierApiRoutes } from './suppliers';

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

/** GET /api/districts/:id/cover-history: per commodity, per day, how many days of the district's need the goods that
 * reached its zones that day cover. `planned`: the plan in force that day (the latest published, or superseded later,
 * plan for that day covering the district); `delivered`: drivers' recorded handoffs. Not stock on hand (the store
 * keeps no zone stock or consumption). null: no plan in force / nothing recorded that day. */
export interface CoverHistory {
  districtId: string;
  /** Local days, oldest first. */
  days: string[];
  commodities: Record<string, { planned: (number | null)[]; delivered: (number | null)[] }>;
}

/** available: planned as usual; broken_down: left out of new plans (shown among the excluded vans, with the note). */
export type VehicleAvailabilityStatus = 'available' | 'broken_down';

/** A van's availability; a van nobody marked is available (updatedAt and updatedBy null). */
export interface VehicleAvailability {
  vehicleId: string;
  status: VehicleAvailabilityStatus;
  note: string;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface VehicleAvailabilityInput {
  status: VehicleAvailabilityStatus;
  note?: string;
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

/** A tier's words from the server's tier configuration: the one glossary pages, reports and CSV use. */
export interface TierName {
  tier: Tier;
  nameZh: string;
  nameEn: string;
  handoffMode: HandoffMode;
}

export interface ListQuery {
  districtId?: string;
}

export interface ApiRoutes extends RequestApiRoutes, AlertApiRoutes, PassApiRoutes, PlaybookApiRoutes, SupplyApiRoutes, SupplierApiRoutes {
  'GET /api/health': { body: never; reply: Health };
  'POST /api/sessions': { body: LoginInput; reply: LoginResult };
  'DELETE /api/sessions/current': { body: never; reply: { revoked: true } };
  'GET /api/me': { body: never; reply: User };
  'GET /api/districts': { body: never; reply: District[] };
  'GET /api/streets': { body: never; query: ListQuery; reply: Street[] };
  'GET /api/commodities': { body: never; reply: Commodity[] };
  'GET /api/tiers': { body: never; reply: TierName[] };
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
  'GET /api/districts/:id/cover-history': { body: never; query: { days?: number; until?: string }; reply: CoverHistory };
  'GET /api/vehicle-availability': { body: never; query: { districtId?: string }; reply: VehicleAvailability[] };
  'PUT /api/vehicle-availability/:vehicleId': { body: VehicleAvailabilityInput; reply: VehicleAvailability };
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
  'GET /api/vans/board': { body: never; reply: VanBoard };
  'POST /api/users/:id/revoke-sessions': { body: never; reply: { revoked: number } };
}

export type RouteKey = keyof ApiRoutes;
export type ReplyOf<K extends RouteKey> = ApiRoutes[K]['reply'];
export type BodyOf<K extends RouteKey> = ApiRoutes[K]['body'];

/** Header a device uses instead of the session cookie. */
export const SESSION_COOKIE = 'bg_session';
