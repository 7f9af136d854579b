import type { Staff, StaffInput, User, Vehicle, VehicleInput } from '../../contract';
import { createCrudService } from '../crud-service';
import { AppError } from '../errors';
import { revokeOutlivedPasses } from '../staff/pass-clearance';
import type { Store } from '../ports';
import { depotRef, districtRef, staffRef, vehicleRef } from '../references';
import { canReadDistrict, listDistrict } from '../scope';

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function createVehicleService(store: Store, now: () => Date) {
  const crud = createCrudService<Vehicle, VehicleInput>(store, now, {
    entity: 'vehicle',
    repo: (s) => s.vehicles,
    // A driver sees only the vehicle they are bound to.
    canRead: (actor, v) => (actor.role === 'driver' ? actor.vehicleId === v.id : canReadDistrict(actor, v.districtId)),
    districtOf: (v) => v.districtId,
    async build(actor, input, id, tx) {
      if (input.districtId) await districtRef(tx, actor, input.districtId, 'body.districtId');
      await depotRef(tx, actor, input.homeDepotId, 'body.homeDepotId');
      if (input.coldChainKg > input.capacityKg) {
        throw new AppError('VALIDATION', `body.coldChainKg: ${input.coldChainKg} kg of cold chain exceeds the total capacity of ${input.capacityKg} kg`, 'body.coldChainKg');
      }
      if (minutes(input.shiftEnd) <= minutes(input.shiftStart)) {
        throw new AppError('VALIDATION', `body.shiftEnd: the shift must end after it starts (${input.shiftStart})`, 'body.shiftEnd');
      }
      if (input.driverId) {
        const driver = await staffRef(tx, actor, input.driverId, 'body.driverId');
        if (driver.role !== 'driver') throw new AppError('VALIDATION', `body.driverId: "${driver.id}" is a ${driver.role}, not a driver`, 'body.driverId');
      }
      return {
        id, name: input.name, kind: input.kind, homeDepotId: input.homeDepotId, districtId: input.districtId ?? null,
        capacityKg: input.capacityKg, coldChainKg: input.coldChainKg, shiftStart: input.shiftStart, shiftEnd: input.shiftEnd,
        driverId: input.driverId ?? null,
      };
    },
    async inUse(tx, v) {
      const users = (await tx.users.list({ role: 'driver' })).filter((u) => u.vehicleId === v.id);
      return users.length ? `vehicle "${v.id}" is bound to driver login(s) ${users.map((u) => u.username).join(', ')}` : null;
    },
  });
  return { ...crud, list: (actor: User, districtId?: string) => store.vehicles.list({ districtId: listDistrict(actor, districtId) }) };
}

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

export type VehicleService = ReturnType<typeof createVehicleService>;
export type StaffService = ReturnType<typeof createStaffService>;
