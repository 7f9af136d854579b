import type { Knex } from 'knex';
import type { VehicleAvailability } from '../contract';
import type { VehicleAvailabilityRepo } from '../services/fleet/ports';

interface Row { vehicle_id: string; status: VehicleAvailability['status']; note: string; updated_at: string; updated_by: string }

export function createVehicleAvailabilityRepo(db: Knex): VehicleAvailabilityRepo {
  return {
    async list() {
      const rows = await db<Row>('vehicle_availability').select('*').orderBy('vehicle_id');
      return rows.map((r) => ({ vehicleId: r.vehicle_id, status: r.status, note: r.note, updatedAt: r.updated_at, updatedBy: r.updated_by }));
    },
    async upsert(a) {
      await db('vehicle_availability')
        .insert({ vehicle_id: a.vehicleId, status: a.status, note: a.note, updated_at: a.updatedAt, updated_by: a.updatedBy })
        .onConflict('vehicle_id').merge();
    },
  };
}
