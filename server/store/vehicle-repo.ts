import type { Knex } from 'knex';
import type { Vehicle } from '../contract';
import type { VehicleRepo } from '../services/fleet/ports';
import type { DistrictFilter } from '../services/references/ports';
import { atomically, type Codec } from './codec';

interface VehicleRow {
  id: string;
  name: string;
  kind: Vehicle['kind'];
  home_depot_id: string;
  district_id: string | null;
  capacity_kg: number;
  cold_chain_kg: number;
  shift_start: string;
  shift_end: string;
  driver_id: string | null;
}

const vehicleToRow = (v: Vehicle): VehicleRow => ({
  id: v.id, name: v.name, kind: v.kind, home_depot_id: v.homeDepotId, district_id: v.districtId,
  capacity_kg: v.capacityKg, cold_chain_kg: v.coldChainKg, shift_start: v.shiftStart, shift_end: v.shiftEnd,
  driver_id: v.driverId,
});

const vehicleFromRow = (r: VehicleRow): Vehicle => ({
  id: r.id, name: r.name, kind: r.kind, homeDepotId: r.home_depot_id, districtId: r.district_id,
  capacityKg: r.capacity_kg, coldChainKg: r.cold_chain_kg, shiftStart: r.shift_start, shiftEnd: r.shift_end,
  driverId: r.driver_id,
});

export function createVehicleRepo(db: Knex, codec: Codec): VehicleRepo {
  return {
    async list(filter: DistrictFilter = {}) {
      const q = db<VehicleRow>('vehicles').select('*').orderBy(codec.orderBy('id'));
      if (filter.districtId !== undefined) q.where({ district_id: filter.districtId });
      return (await q).map(vehicleFromRow);
    },
    async get(id) {
      const row = await db<VehicleRow>('vehicles').where({ id }).first();
      return row ? vehicleFromRow(row) : null;
    },
    async upsert(vehicle) {
      await db('vehicles').insert(vehicleToRow(vehicle)).onConflict('id').merge();
    },
    async delete(id) {
      // staff.vehicle_id has no foreign key (the vehicle → driver side is the enforced one), so
      // unassign the crew here; a driver login bound to the van still blocks it (users FK).
      return atomically(db, async (trx) => {
        const deleted = (await trx('vehicles').where({ id }).delete()) > 0;
        if (deleted) await trx('staff').where({ vehicle_id: id }).update({ vehicle_id: null });
        return deleted;
      });
    },
  };
}
