// The contract's common words: roles, tiers, errors, the reply shape, zones, depots, vans, staff, users.
// Every other part of server/contract/ imports these from here (never from index.ts, which re-exports
// the parts: importing it back would make a cycle).
// Units: mass in kg, distance in metres, duration in seconds, instants as ISO-8601 UTC strings,
// times of day as 'HH:MM' local time. Coordinates are always [lng, lat] (GeoJSON order, WGS-84).

export type LngLat = [lng: number, lat: number];

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

/** Header a device uses instead of the session cookie. */
export const SESSION_COOKIE = 'bg_session';
