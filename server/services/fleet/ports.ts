import type { Disinfection, Vehicle, VehicleAvailability } from '../../contract';
import type { DistrictFilter } from '../references/ports';

// Store ports for the vans: their records, their availability (breakdowns, days off) and the
// disinfection log. Their GPS tracks are the deliveries feature's TrackRepo (deliveries/ports.ts).

export interface VehicleRepo {
  list(filter?: DistrictFilter): Promise<Vehicle[]>;
  get(id: string): Promise<Vehicle | null>;
  upsert(vehicle: Vehicle): Promise<void>;
  delete(id: string): Promise<boolean>;
}

/** Stored availability rows (vans without one are available). */
export interface VehicleAvailabilityRepo {
  list(): Promise<VehicleAvailability[]>;
  upsert(row: VehicleAvailability): Promise<void>;
}

export interface DisinfectionRepo {
  insert(record: Omit<Disinfection, 'id'>): Promise<Disinfection>;
  /** Newest first. */
  list(vehicleId?: string): Promise<Disinfection[]>;
}
