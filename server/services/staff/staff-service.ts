import type { Staff, StaffInput, User } from '../../contract';
import { createCrudService } from '../crud-service';
import { AppError } from '../errors';
import { revokeOutlivedPasses } from './pass-clearance';
import type { Store } from '../ports';
import { districtRef, vehicleRef } from '../references';
import { canReadDistrict, listDistrict } from '../scope';

// Staff records (drivers and handoff workers: pass numbers, health checks, vans); a change that
// shortens a health check or removes a member revokes the passes it outlives (pass-clearance.ts).

export function createStaffService(store: Store, now: () => Date, utcOffset: string) {
  const crud = createCrudService<Staff, StaffInput>(store, now, {
    entity: 'staff',
    repo: (s) => s.staff,
    canRead: (actor, s) => (actor.role === 'driver' ? actor.vehicleId !== null && actor.vehicleId === s.vehicleId : canReadDistrict(actor, s.districtId)),
    districtOf: (s) => s.districtId,
    async build(actor, input, id, tx) {
      if (input.districtId) await districtRef(tx, actor, input.districtId, 'body.districtId');
      if (input.vehicleId) await vehicleRef(tx, actor, input.vehicleId, 'body.vehicleId');
      // The unique index would refuse it too, but as a 500; pass numbers arrive normalised (names.ts).
      const holder = (await tx.staff.list()).find((s) => s.passNumber === input.passNumber && s.id !== id);
      if (holder) throw new AppError('CONFLICT', `body.passNumber: pass number "${input.passNumber}" belongs to another staff member`, 'body.passNumber');
      return {
        id, name: input.name, role: input.role, passNumber: input.passNumber, healthCheckValidUntil: input.healthCheckValidUntil,
        vehicleId: input.vehicleId ?? null, districtId: input.districtId ?? null,
      };
    },
    async inUse(tx, s) {
      const vehicles = (await tx.vehicles.list()).filter((v) => v.driverId === s.id);
      return vehicles.length ? `staff member "${s.id}" drives vehicle(s) ${vehicles.map((v) => v.id).join(', ')}` : null;
    },
    // A shortened health check or a removed record must reach the gates' revoked list at once.
    async afterChange(tx, actor, before, after) {
      const revoked = await revokeOutlivedPasses(tx, before, after, now().toISOString(), actor.id, utcOffset);
      if (revoked > 0) {
        await tx.audit.append({
          at: now().toISOString(), userId: actor.id, action: 'pass.revoke', entity: 'staff', entityId: before.id,
          detail: { revoked, reason: after ? 'health_check_shortened' : 'staff_removed' },
        });
      }
    },
  });
  return { ...crud, list: (actor: User, districtId?: string) => store.staff.list({ districtId: listDistrict(actor, districtId) }) };
}

export type StaffService = ReturnType<typeof createStaffService>;
