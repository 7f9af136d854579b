import type { Knex } from 'knex';
import type { Disinfection, PassClaims } from '../contract/requests';
import type { DisinfectionRepo } from '../services/fleet/ports';
import type { KeyRecord, PassRepo } from '../services/staff/ports';
import { canonicalIso, type Codec } from './codec';

interface KeyRow { id: string; algorithm: 'Ed25519'; private_pem: string; public_pem: string; created_at: string }
interface PassRow { pass_id: string; staff_id: string; pass_number: string; claims: unknown; issued_at: string; valid_until: string; revoked_at: string | null; revoked_by: string | null }
interface DisinfectionRow { id: number; vehicle_id: string; at: string; by_name: string; method: string; recorded_by: string; recorded_at: string }

const keyFromRow = (r: KeyRow): KeyRecord => ({ id: r.id, algorithm: r.algorithm, privatePem: r.private_pem, publicPem: r.public_pem, createdAt: r.created_at });

export function createPassRepo(db: Knex, codec: Codec): PassRepo {
  return {
    async getKey(id) {
      const row = await db<KeyRow>('server_keys').where({ id }).first();
      return row ? keyFromRow(row) : null;
    },
    async putKeyIfAbsent(k) {
      await db('server_keys').insert({ id: k.id, algorithm: k.algorithm, private_pem: k.privatePem, public_pem: k.publicPem, created_at: k.createdAt })
        .onConflict('id').ignore();
      return keyFromRow((await db<KeyRow>('server_keys').where({ id: k.id }).first())!);
    },
    async insert(c: PassClaims) {
      await db('staff_passes').insert({
        pass_id: c.passId, staff_id: c.staffId, pass_number: c.passNumber, claims: codec.json(c),
        issued_at: canonicalIso(c.issuedAt), valid_until: canonicalIso(c.validUntil), revoked_at: null, revoked_by: null,
      });
    },
    async list(filter = {}) {
      const q = db<PassRow>('staff_passes').select('*').orderBy([{ column: 'issued_at' }, { column: 'pass_id' }]);
      if (filter.staffId) q.where({ staff_id: filter.staffId });
      return (await q).map((r) => ({ claims: codec.fromJson(r.claims) as PassClaims, revokedAt: r.revoked_at, revokedBy: r.revoked_by }));
    },
    async revokeForStaff(staffId, at, by, validAfter) {
      const q = db('staff_passes').where({ staff_id: staffId }).whereNull('revoked_at');
      // valid_until is stored canonical (toISOString), so text order is time order on both engines.
      if (validAfter !== undefined) q.where('valid_until', '>', canonicalIso(validAfter));
      return q.update({ revoked_at: canonicalIso(at), revoked_by: by });
    },
    async live(at) {
      const rows = await db<PassRow>('staff_passes').select('pass_id', 'staff_id', 'valid_until')
        .whereNull('revoked_at').where('valid_until', '>', canonicalIso(at)).orderBy('pass_id');
      return rows.map((r) => ({ passId: r.pass_id, staffId: r.staff_id, validUntil: r.valid_until }));
    },
    async revoked() {
      const rows = await db<PassRow>('staff_passes').whereNotNull('revoked_at').orderBy([{ column: 'revoked_at' }, { column: 'pass_id' }]);
      return rows.map((r) => ({ passId: r.pass_id, revokedAt: r.revoked_at! }));
    },
  };
}

const disinfectionFromRow = (r: DisinfectionRow): Disinfection => ({
  id: Number(r.id), vehicleId: r.vehicle_id, at: r.at, by: r.by_name, method: r.method, recordedBy: r.recorded_by, recordedAt: r.recorded_at,
});

export function createDisinfectionRepo(db: Knex): DisinfectionRepo {
  return {
    async insert(d) {
      const row = { vehicle_id: d.vehicleId, at: canonicalIso(d.at), by_name: d.by, method: d.method, recorded_by: d.recordedBy, recorded_at: canonicalIso(d.recordedAt) };
      const [inserted] = await db('vehicle_disinfections').insert(row).returning('id');
      const id = typeof inserted === 'object' ? (inserted as { id: number }).id : (inserted as number);
      return disinfectionFromRow({ id, ...row });
    },
    async list(vehicleId) {
      const q = db<DisinfectionRow>('vehicle_disinfections').select('*').orderBy([{ column: 'at', order: 'desc' }, { column: 'id', order: 'desc' }]);
      if (vehicleId) q.where({ vehicle_id: vehicleId });
      return (await q).map(disinfectionFromRow);
    },
  };
}
