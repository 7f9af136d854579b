// Every HTTP endpoint with its body, query and reply: the typed map the web's fetch helper and the
// server's route definitions share. Apart from base.ts because it names every part's types.
import type { AuditEntry, Commodity, CoverHistory, Depot, DepotInput, District, Health, ImportResult, HandoffPoint, ListQuery, LoginInput, LoginResult, Staff, StaffInput, Street, TierName, User, Vehicle, VehicleAvailability, VehicleAvailabilityInput, VehicleInput, Zone, ZoneFeatureCollection, ZoneInput } from './base';
import type { VanBoard, VehicleTrack } from './live';
import type { Plan, PlanComparison, PlanListQuery, PlanRunInput, PlanSummary, VehicleRoute } from './plans';
import type { PlaybookApiRoutes } from './playbook';
import type { AlertApiRoutes, PassApiRoutes, RequestApiRoutes } from './requests';
import type { SupplyApiRoutes } from './supply';
import type { SupplierApiRoutes } from './suppliers';

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
