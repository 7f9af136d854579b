import type { AuditEntry, Depot } from '../contract';
import type { AlertRepo } from './alerts/ports';
import type { DeliveryRepo, TrackRepo } from './deliveries/ports';
import type { DisinfectionRepo, VehicleAvailabilityRepo, VehicleRepo } from './fleet/ports';
import type { PlanRepo } from './plans/ports';
import type { PlaybookRepo } from './playbook/ports';
import type { CommodityRepo, DistrictFilter, DistrictRepo, StreetRepo } from './references/ports';
import type { RequestRepo } from './requests/ports';
import type { PassRepo, SessionRepo, StaffRepo, UserRepo } from './staff/ports';
import type { HouseholdStockRepo, SupplierRepo, SupplyChannelRepo } from './supply/ports';
import type { HandoffPointRepo, ZoneRepo } from './zones/ports';

// The store's ports: each feature's own in its ports.ts, gathered here into the Store aggregate that
// server/store/ implements with knex; besides, the depots (supply's, whose ports file does not hold
// them yet) and the audit log every write appends to. Feature ports never import this file: it
// imports them.

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

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

export interface AuditRepo {
  /** Append-only: there is no update or delete. */
  append(entry: NewAuditEntry): Promise<void>;
  list(filter?: { entity?: string; entityId?: string; action?: string; limit?: number }): Promise<AuditEntry[]>;
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
