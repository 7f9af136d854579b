import type { Knex } from 'knex';
import type { User } from '../contract';
import type { UserRepo } from '../services/staff/ports';
import type { Codec } from './codec';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: User['role'];
  district_id: string | null;
  vehicle_id: string | null;
  password_hash: string;
}

export const userFromRow = (r: UserRow): User => ({
  id: r.id, username: r.username, displayName: r.display_name, role: r.role,
  districtId: r.district_id, vehicleId: r.vehicle_id,
});

export function createUserRepo(db: Knex, codec: Codec): UserRepo {
  return {
    async get(id) {
      const row = await db<UserRow>('users').where({ id }).first();
      return row ? userFromRow(row) : null;
    },
    async getByUsername(username) {
      const row = await db<UserRow>('users').where({ username }).first();
      return row ? { user: userFromRow(row), passwordHash: row.password_hash } : null;
    },
    async list(filter = {}) {
      const q = db<UserRow>('users').select('*').orderBy(codec.orderBy('id'));
      if (filter.role !== undefined) q.where({ role: filter.role });
      return (await q).map(userFromRow);
    },
    async upsert(user, passwordHash) {
      const row: UserRow = {
        id: user.id, username: user.username, display_name: user.displayName, role: user.role,
        district_id: user.districtId, vehicle_id: user.vehicleId, password_hash: passwordHash,
      };
      await db('users').insert(row).onConflict('id').merge();
    },
  };
}
