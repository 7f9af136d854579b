import type { User, Vehicle, VehicleInput } from '../../contract';
import { createCrudService } from '../crud-service';
import { AppError } from '../errors';
import type { Store } from '../ports';
import { depotRef, districtRef, staffRef } from '../references';
import { canReadDistrict, listDistrict } from '../scope';

// Vans (capacity, cold chain, shift, home depot, driver), scoped like every district record.

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

export type VehicleService = ReturnType<typeof createVehicleService>;
