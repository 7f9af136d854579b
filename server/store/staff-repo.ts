import type { Knex } from 'knex';
import type { Staff } from '../contract';
import type { DistrictFilter } from '../services/references/ports';
import type { StaffRepo } from '../services/staff/ports';
import type { Codec } from './codec';

interface StaffRow {
  id: string;
  name: string;
  role: Staff['role'];
  pass_number: string;
  health_check_valid_until: string;
  vehicle_id: string | null;
  district_id: string | null;
}

const staffToRow = (s: Staff): StaffRow => ({
  id: s.id, name: s.name, role: s.role, pass_number: s.passNumber,
  health_check_valid_until: s.healthCheckValidUntil, vehicle_id: s.vehicleId, district_id: s.districtId,
});

const staffFromRow = (r: StaffRow): Staff => ({
  id: r.id, name: r.name, role: r.role, passNumber: r.pass_number,
  healthCheckValidUntil: r.health_check_valid_until, vehicleId: r.vehicle_id, districtId: r.district_id,
});

export function createStaffRepo(db: Knex, codec: Codec): StaffRepo {
  return {
    async list(filter: DistrictFilter = {}) {
      const q = db<StaffRow>('staff').select('*').orderBy(codec.orderBy('id'));
      if (filter.districtId !== undefined) q.where({ district_id: filter.districtId });
      return (await q).map(staffFromRow);
    },
    async get(id) {
      const row = await db<StaffRow>('staff').where({ id }).first();
      return row ? staffFromRow(row) : null;
    },
    async upsert(staff) {
      await db('staff').insert(staffToRow(staff)).onConflict('id').merge();
    },
    async delete(id) {
      // A van this person drives blocks it (vehicles.driver_id RESTRICT).
      return (await db('staff').where({ id }).delete()) > 0;
    },
  };
}
