import type {
  VehicleAvailability,
  AuditEntry, Commodity, Depot, District, HandoffPoint, Plan, PlanChanges, PlanKpis, PlanResult, PlanStatus, PlanSummary,
  Role, Staff, Street, User, Vehicle, Zone, ZoneStatus,
} from '../contract';
import type { AlertRepo, RequestRepo } from './requests/ports';
import type { DisinfectionRepo, PassRepo } from './staff/ports';
import type { DeliveryRepo, TrackRepo } from './deliveries/ports';
import type { PlaybookRepo } from './playbook/ports';
import type { HouseholdStockRepo, SupplierRepo, SupplyChannelRepo } from './supply/ports';

// The store's ports. server/store/ implements them with knex; services depend only on these.

export interface DistrictFilter {
  districtId?: string;
}

export interface DistrictRepo {
  list(): Promise<District[]>;
  get(id: string): Promise<District | null>;
  upsert(district: District): Promise<void>;
}

export interface StreetRepo {
  list(filter?: DistrictFilter): Promise<Street[]>;
  get(id: string): Promise<Street | null>;
  upsert(street: Street): Promise<void>;
}

/** A tier and the instant it took effect. */
export interface TierSince {
  tier: string;
  since: string;
}

export interface ZoneRepo {
  list(filter?: DistrictFilter & { status?: ZoneStatus }): Promise<Zone[]>;
  get(id: string): Promise<Zone | null>;
  /** Insert or replace the whole zone; a changed tier is added to the zone's tier history, since its updatedAt. */
  upsert(zone: Zone): Promise<void>;
  /** zoneId → the zone's tiers over time, oldest first (zones given, or all). */
  tierHistory(zoneIds?: readonly string[]): Promise<Map<string, TierSince[]>>;
  /** False when there was no such zone. */
  delete(id: string): Promise<boolean>;
}

export interface HandoffPointRepo {
  list(filter?: { zoneId?: string; districtId?: string }): Promise<HandoffPoint[]>;
  upsert(point: HandoffPoint): Promise<void>;
  deleteForZone(zoneId: string): Promise<void>;
}

/** Stored availability rows (vans without one are available). */
export interface VehicleAvailabilityRepo {
  list(): Promise<VehicleAvailability[]>;
  upsert(row: VehicleAvailability): Promise<void>;
}

export interface CommodityRepo {
  list(): Promise<Commodity[]>;
  upsert(commodity: Commodity): Promise<void>;
}

export interface DepotRepo {
  /** Depots come with their stock per commodity. */
  list(filter?: DistrictFilter): Promise<Depot[]>;
  get(id: string): Promise<Depot | null>;
  /** Writes the depot and replaces its whole stock with depot.stockKg. */
  upsert(depot: Depot): Promise<void>;
  setStock(depotId: string, commodityId: string, kg: number): Promise<void>;
  delete(id: string): Promise<boolean>;
  /**
   * Takes delivered goods off a depot's stock, never below zero: returns commodityId → kg the stock
   * did not cover (empty when it covered everything). Race-free by conditional updates.
   */
  drawStock(depotId: string, kg: Record<string, number>): Promise<Record<string, number>>;
}

export interface VehicleRepo {
  list(filter?: DistrictFilter): Promise<Vehicle[]>;
  get(id: string): Promise<Vehicle | null>;
  upsert(vehicle: Vehicle): Promise<void>;
  delete(id: string): Promise<boolean>;
}

export interface StaffRepo {
  list(filter?: DistrictFilter): Promise<Staff[]>;
  get(id: string): Promise<Staff | null>;
  upsert(staff: Staff): Promise<void>;
  delete(id: string): Promise<boolean>;
}

export interface UserRecord {
  user: User;
  passwordHash: string;
}

export interface UserRepo {
  get(id: string): Promise<User | null>;
  getByUsername(username: string): Promise<UserRecord | null>;
  list(filter?: { role?: Role }): Promise<User[]>;
  upsert(user: User, passwordHash: string): Promise<void>;
}

export interface SessionRecord {
  /** SHA-256 of the bearer token: the token itself is never stored. */
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export interface SessionRepo {
  create(session: SessionRecord): Promise<void>;
  /** The session if it exists, is not revoked and expires after `nowIso`. */
  findValid(tokenHash: string, nowIso: string): Promise<SessionRecord | null>;
  revoke(tokenHash: string, nowIso: string): Promise<void>;
  revokeAllForUser(userId: string, nowIso: string): Promise<number>;
  /** tokenHash → user, for the sessions among `tokenHashes` still valid at `nowIso` (the live sockets' re-check). */
  validUsers(tokenHashes: readonly string[], nowIso: string): Promise<Map<string, User>>;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

export interface AuditRepo {
  /** Append-only: there is no update or delete. */
  append(entry: NewAuditEntry): Promise<void>;
  list(filter?: { entity?: string; entityId?: string; action?: string; limit?: number }): Promise<AuditEntry[]>;
}

/** A stored plan: the API's Plan plus the settings it was run with. */
export interface PlanRecord extends Plan {
  inputSettings: unknown;
}

export interface PlanFilter {
  /** null: city-wide plans only; undefined: any scope. */
  districtId?: string | null;
  status?: PlanStatus;
  date?: string;
}

export interface PlanPatch {
  status?: PlanStatus;
  progress?: number;
  error?: string | null;
  version?: number | null;
  publishedAt?: string | null;
  kpis?: PlanKpis | null;
  result?: PlanResult | null;
  changes?: PlanChanges | null;
}

export interface PublishedPlanRef {
  id: string;
  version: number;
  date: string;
  publishedAt: string;
}

export interface PlanRepo {
  insert(plan: PlanRecord): Promise<void>;
  get(id: string): Promise<PlanRecord | null>;
  /** Inside a transaction: the plan, its row locked until commit (PostgreSQL; SQLite's writes take turns anyway). */
  getForUpdate(id: string): Promise<PlanRecord | null>;
  /**
   * Inside a transaction: waits until no other transaction holds the same key, then holds it until
   * commit (a PostgreSQL advisory lock; SQLite's write transactions take turns anyway). Guards what
   * has no row of its own to lock: a scope's publishing, a caller's share of the queue.
   */
  lockKey(key: string): Promise<void>;
  /** How many of the caller's plans are queued or running. */
  countUnfinished(createdBy: string): Promise<number>;
  /** Summaries only (no result), newest first. */
  list(filter?: PlanFilter): Promise<PlanSummary[]>;
  /**
   * False when there was no such plan. A patch with a result also rewrites the plan's stop rows. A version
   * another plan of the same scope holds (plans_scope_version_unique) raises DuplicateError (services/errors).
   */
  update(id: string, patch: PlanPatch): Promise<boolean>;
  /** Highest version published so far in a scope (0 when none). */
  maxVersion(districtId: string | null): Promise<number>;
  /** The newest published plan whose routes include the vehicle, optionally for one day. */
  latestPublishedForVehicle(vehicleId: string, date?: string): Promise<PublishedPlanRef | null>;
  /** A value that changes whenever a plan is published (through any process): one cheap read. */
  publishedStamp(): Promise<string>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  districts: DistrictRepo;
  streets: StreetRepo;
  zones: ZoneRepo;
  handoffPoints: HandoffPointRepo;
  commodities: CommodityRepo;
  depots: DepotRepo;
  vehicles: VehicleRepo;
  vehicleAvailability: VehicleAvailabilityRepo;
  staff: StaffRepo;
  users: UserRepo;
  sessions: SessionRepo;
  audit: AuditRepo;
  plans: PlanRepo;
  requests: RequestRepo;
  alerts: AlertRepo;
  passes: PassRepo;
  disinfections: DisinfectionRepo;
  deliveries: DeliveryRepo;
  tracks: TrackRepo;
  playbook: PlaybookRepo;
  supplyChannels: SupplyChannelRepo;
  householdStock: HouseholdStockRepo;
  suppliers: SupplierRepo;
  /** Runs fn in one transaction: every repository of `tx` writes inside it; a throw rolls all back. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
