import type { DeliveryStore, TrackRepo } from '../deliveries/ports';
import type { VehicleAvailabilityRepo, VehicleRepo } from '../fleet/ports';
import type { PlanRepo } from '../plans/ports';
import type { DepotRepo } from '../ports';
import type { CommodityRepo } from '../references/ports';
import type { StaffRepo } from '../staff/ports';
import type { ZoneRepo } from '../zones/ports';

// What the live feature takes from the store: the published routes and their stops' progress, the
// vans and their last fixes, zones and commodities for the picture, names and breakdowns for the van
// board, and what recording a stop writes (the delivery service it runs, deliveries/ports.ts).

export interface LiveStore extends DeliveryStore {
  plans: PlanRepo;
  depots: DepotRepo;
  vehicles: VehicleRepo;
  tracks: TrackRepo;
  commodities: CommodityRepo;
  zones: ZoneRepo;
  staff: StaffRepo;
  vehicleAvailability: VehicleAvailabilityRepo;
}
